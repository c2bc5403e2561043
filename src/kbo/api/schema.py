"""OpenAPI schema additions: the error answers every operation can give, documented once.

DRF answers 400 (invalid parameters or body), 401 (no or a bad token), 403 (not allowed)
and 404 (not found, or outside your province) from any operation; drf-spectacular documents
only the success. This hook adds those answers where an operation does not document them,
so that clients (and the schemathesis run in the test suite) know every status they may get.
"""

ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong (Thai or English)"}
    },
    "required": ["detail"],
}
VALIDATION = {
    "type": "object",
    "description": "Field name (or non_field_errors / detail) → list of messages",
    "additionalProperties": True,
}
ANSWERS = {
    "400": ("Invalid parameters or body: each field's errors", "ValidationError"),
    "401": ("No credentials or a bad token", "Error"),
    "403": ("Your role or province does not allow this", "Error"),
    "404": ("Not found, or outside the provinces you may see", "Error"),
}


def add_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR)
    components.setdefault("ValidationError", VALIDATION)
    for path, operations in result.get("paths", {}).items():
        if path.endswith("/schema/"):
            continue
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            answers = dict(ANSWERS)
            if path.endswith("/auth/token/"):
                answers = {
                    "400": ANSWERS["400"],
                    "429": ("Too many failed attempts: wait and try again", "Error"),
                }
            for code, (description, name) in answers.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                        },
                    },
                )
    return result
