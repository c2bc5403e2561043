// The knowledge item editor (Trix): Thai labels on the toolbar, and no files inside the
// text (files are added as the item's attachments, where the server checks them).
// Loaded with `defer` after trix.umd.min.js; Trix builds its toolbars after this runs.
(function () {
  "use strict";
  if (!window.Trix) {
    return;
  }
  // Headings of an item are <h2> (the page's own title is the <h1>), as the case-study
  // drafts and the sanitiser (knowledge/rich.py) write them; Trix's one heading follows.
  window.Trix.config.blockAttributes.heading1.tagName = "h2";
  if (document.documentElement.lang === "th") {
    Object.assign(window.Trix.config.lang, {
      attachFiles: "แนบไฟล์",
      bold: "ตัวหนา",
      bullets: "รายการ",
      captionPlaceholder: "เพิ่มคำบรรยาย…",
      code: "โค้ด",
      heading1: "หัวข้อ",
      indent: "เพิ่มระดับ",
      italic: "ตัวเอียง",
      link: "ลิงก์",
      numbers: "ลำดับเลข",
      outdent: "ลดระดับ",
      quote: "คำพูดอ้างอิง",
      redo: "ทำซ้ำ",
      remove: "ลบ",
      strike: "ขีดฆ่า",
      undo: "เลิกทำ",
      unlink: "เลิกลิงก์",
      url: "ที่อยู่เว็บ",
      urlPlaceholder: "ใส่ที่อยู่เว็บ…",
    });
  }
  // Files dropped or pasted into the text are refused: add them under "Add a file".
  document.addEventListener("trix-file-accept", function (event) {
    event.preventDefault();
  });
  document.addEventListener("trix-attachment-add", function (event) {
    if (event.attachment && event.attachment.file) {
      event.attachment.remove();
    }
  });
})();
