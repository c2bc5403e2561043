"""A labelled evaluation set for expert matching (kbo.programmes.matching).

61 knowledge sources of the kinds a KBO secretariat really calls on (faculties, provincial
health and industry offices, Thai FDA, design and packaging firms, local wisdom holders,
online-sales trainers, banks) in seven provinces, and 31 needs written as a committee
writes them, each labelled with the sources a sensible secretariat would consider:
the right expertise AND within reach (in the province, serving it, or a national body).

The labels were written by judgement BEFORE the weights were tuned and must not be edited
to flatter the scorer: a change of labels is a change of the benchmark, say so in
docs/matching.md. `build_eval()` creates it in the (test or bench) database.
"""

from dataclasses import dataclass

# Provinces used (DOPA code, Thai, English, region code as kbo.geo.services.REGIONS).
PROVINCES = {
    "10": ("กรุงเทพมหานคร", "Bangkok", "central_east"),
    "40": ("ขอนแก่น", "Khon Kaen", "northeast"),
    "50": ("เชียงใหม่", "Chiang Mai", "north"),
    "51": ("ลำพูน", "Lamphun", "north"),
    "52": ("ลำปาง", "Lampang", "north"),
    "57": ("เชียงราย", "Chiang Rai", "north"),
    "58": ("แม่ฮ่องสอน", "Mae Hong Son", "north"),
    "90": ("สงขลา", "Songkhla", "south"),
}
REGIONS = {
    "north": ("ภาคเหนือ", "North"),
    "northeast": ("ภาคตะวันออกเฉียงเหนือ", "Northeast"),
    "central_east": ("ภาคกลางและภาคตะวันออก", "Central and East"),
    "south": ("ภาคใต้", "South"),
}
EVERYWHERE = tuple(PROVINCES)  # a national body serves the whole country


@dataclass(frozen=True)
class S:
    key: str
    kind: str
    sector: str
    name: str
    organisation: str
    areas: tuple[str, ...]
    description: str
    home: str
    serves: tuple[str, ...] = ()
    title: str = ""


@dataclass(frozen=True)
class N:
    key: str
    province: str
    area: str
    category: str
    product: str
    description: str
    relevant: tuple[str, ...]


INS, PER, CO, WIS = "INSTITUTION", "EXPERT", "COMPANY", "LOCAL_WISDOM"
GOV, EDU, PRI, FIN, NET, EXP = (
    "GOVERNMENT",
    "EDUCATION",
    "PRIVATE",
    "FINANCE",
    "PRODUCER_NETWORK",
    "EXPERT",
)

# One source or need a line: a table to read and review, so the formatter leaves it alone.
# fmt: off
SOURCES: list[S] = [
    # Chiang Mai (50)
    S("cmu_agro", INS, EDU, "คณะอุตสาหกรรมเกษตร มหาวิทยาลัยเชียงใหม่", "มหาวิทยาลัยเชียงใหม่", ("production", "quality", "food_safety", "packaging"), "แปรรูปอาหาร ยืดอายุการเก็บรักษา ออกแบบบรรจุภัณฑ์อาหาร วิเคราะห์คุณค่าทางโภชนาการ ที่ปรึกษาระบบ GMP", "50", ("50", "58", "52")),
    S("cmu_fine_arts", INS, EDU, "คณะวิจิตรศิลป์ มหาวิทยาลัยเชียงใหม่", "มหาวิทยาลัยเชียงใหม่", ("design_identity", "textiles", "branding"), "ออกแบบลวดลายผ้าและหัตถกรรมล้านนา อัตลักษณ์วัฒนธรรมท้องถิ่น ออกแบบเครื่องประดับและของตกแต่ง", "50", ("50", "58")),
    S("mju_agro", INS, EDU, "คณะวิศวกรรมและอุตสาหกรรมเกษตร มหาวิทยาลัยแม่โจ้", "มหาวิทยาลัยแม่โจ้", ("production", "quality"), "เครื่องจักรแปรรูปผลผลิตเกษตร อบแห้งผลไม้ คั่วกาแฟ ลดต้นทุนการผลิต", "50", ("50", "58", "57")),
    S("cm_health", INS, GOV, "สำนักงานสาธารณสุขจังหวัดเชียงใหม่", "กระทรวงสาธารณสุข", ("food_safety", "herbal_cosmetic", "quality"), "ขออนุญาต อย. สถานที่ผลิตอาหาร ฉลากอาหาร จดแจ้งเครื่องสำอาง", "50", ("50",)),
    S("cm_industry", INS, GOV, "สำนักงานอุตสาหกรรมจังหวัดเชียงใหม่", "กระทรวงอุตสาหกรรม", ("quality",), "ให้คำปรึกษาการขอมาตรฐานผลิตภัณฑ์ชุมชน มผช. และ มอก.", "50", ("50",)),
    S("cm_commerce", INS, GOV, "สำนักงานพาณิชย์จังหวัดเชียงใหม่", "กระทรวงพาณิชย์", ("marketing", "pricing"), "ช่องทางการตลาด งานแสดงสินค้า ตลาดนัด การคำนวณต้นทุนและกำหนดราคาขาย", "50", ("50",)),
    S("lanna_pack", CO, PRI, "บริษัท ล้านนาแพคเกจจิ้ง จำกัด", "", ("packaging",), "ผลิตกล่องกระดาษ กล่องกันกระแทก ถุงซิปล็อก ฉลากสติ๊กเกอร์ พิมพ์จำนวนน้อยสำหรับ OTOP", "50", ("50", "58", "52", "57")),
    S("doi_design", CO, PRI, "บริษัท ดอยดีไซน์สตูดิโอ จำกัด", "", ("branding", "packaging", "design_identity"), "ออกแบบโลโก้ ตราสินค้า และบรรจุภัณฑ์ เล่าเรื่องราวผลิตภัณฑ์ชุมชน", "50", ("50", "58")),
    S("cm_ecom", PER, PRI, "นายธนพล ใจดี", "วิทยากรอิสระ", ("ecommerce", "marketing"), "สอนขายผ่านเฟซบุ๊ก ไลฟ์สด Shopee Lazada ถ่ายภาพสินค้าด้วยมือถือ", "50", ("50", "58", "52"), "วิทยากรการขายออนไลน์"),
    S("baac_cm", INS, FIN, "ธ.ก.ส. สาขาเชียงใหม่", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", ("finance",), "สินเชื่อเพื่อวิสาหกิจชุมชน เงินทุนหมุนเวียน การทำบัญชีครัวเรือน", "50", ("50",)),
    S("gsb_cm", INS, FIN, "ธนาคารออมสิน ภาค 8", "ธนาคารออมสิน", ("finance",), "สินเชื่อผู้ประกอบการรายย่อย อบรมการทำบัญชีและภาษี", "50", ("50", "58")),
    S("weaver_sankampaeng", WIS, EXP, "นางบัวจันทร์ ศรีสุข", "กลุ่มทอผ้าสันกำแพง", ("textiles", "design_identity"), "ปราชญ์ทอผ้าฝ้ายยกดอกลายโบราณ ลายล้านนา", "50", ("50",), "ครูภูมิปัญญาไทย"),
    S("dyer_cm", WIS, EXP, "นายสมศักดิ์ ย้อมคราม", "บ้านคราม", ("textiles",), "ย้อมสีธรรมชาติจากคราม ครั่ง ประดู่ เทคนิคการย้อมให้สีติดทน ไม่ตก", "50", ("50", "58")),
    S("cm_silver", WIS, EXP, "นายสุวิทย์ ช่างเงิน", "ชุมชนวัวลาย", ("design_identity", "production"), "งานเครื่องเงินและดุนลาย ลวดลายล้านนา เครื่องประดับเงิน", "50", ("50",), "ครูช่างเครื่องเงิน"),
    S("cm_rmutl", INS, EDU, "คณะศิลปกรรมและสถาปัตยกรรมศาสตร์ มทร.ล้านนา", "มหาวิทยาลัยเทคโนโลยีราชมงคลล้านนา", ("packaging", "design_identity"), "ออกแบบผลิตภัณฑ์ของใช้ ของตกแต่งบ้าน บรรจุภัณฑ์ งานไม้ ไม้ไผ่ และเซรามิก", "50", ("50", "52", "57", "58")),
    S("cm_dip", INS, GOV, "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 1", "กรมส่งเสริมอุตสาหกรรม", ("production", "quality"), "พัฒนากระบวนการผลิต ลดของเสีย เพิ่มผลิตภาพ เครื่องมือช่วยผลิต ที่ปรึกษาเชิงลึก", "50", ("50", "51", "52", "57", "58")),
    S("cm_herb", PER, EDU, "ดร.สุดา สมุนไพรไทย", "คณะเภสัชศาสตร์ มหาวิทยาลัยเชียงใหม่", ("herbal_cosmetic", "quality"), "ตำรับสมุนไพร สบู่ ยาหม่อง ครีม การทดสอบความคงตัว จดแจ้งเครื่องสำอาง", "50", ("50", "58"), "อาจารย์"),
    S("cm_coffee", PER, PRI, "นายอาทิตย์ คั่วดี", "โรงคั่วกาแฟดอยช้าง", ("production", "quality"), "คั่วกาแฟอาราบิก้า ควบคุมคุณภาพเมล็ด การตากและเก็บรักษาเมล็ด cupping", "50", ("50", "58")),
    S("cm_marketing_prof", PER, EDU, "ผศ.ดร.วิภา ตลาดดี", "คณะบริหารธุรกิจ มหาวิทยาลัยเชียงใหม่", ("marketing", "branding", "pricing"), "วางแผนการตลาด วิเคราะห์ลูกค้า กลยุทธ์ราคา การส่งออก", "50", ("50",), "ผู้ช่วยศาสตราจารย์"),
    S("cm_accountant", PER, EXP, "นางสาวพิมพ์ บัญชีดี", "สำนักงานบัญชีพิมพ์", ("finance", "pricing"), "ทำบัญชีต้นทุน คำนวณต้นทุนต่อหน่วย กำหนดราคาขายส่งและขายปลีก", "50", ("50",)),
    S("cm_photographer", PER, PRI, "นายภูมิ ภาพสวย", "ภูมิสตูดิโอ", ("ecommerce", "branding"), "ถ่ายภาพสินค้าสำหรับขายออนไลน์ ทำคอนเทนต์และเพจ", "50", ("50",), "ช่างภาพสินค้า"),
    S("cm_cdd", INS, GOV, "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่", "กรมการพัฒนาชุมชน", ("marketing",), "ประสานงาน OTOP งานแสดงสินค้า OTOP City ตลาดนัดชุมชน", "50", ("50",)),
    S("tcdc_cm", INS, GOV, "ศูนย์สร้างสรรค์งานออกแบบ เชียงใหม่ (TCDC)", "สำนักงานส่งเสริมเศรษฐกิจสร้างสรรค์", ("design_identity", "branding"), "ข้อมูลวัสดุ เทรนด์การออกแบบ ที่ปรึกษาออกแบบผลิตภัณฑ์และแบรนด์", "50", ("50", "58", "57", "52")),
    S("cm_legal_ip", PER, EXP, "นายนิติ ทรัพย์ทวี", "สำนักงานกฎหมายนิติ", ("branding",), "จดเครื่องหมายการค้า ลิขสิทธิ์ลวดลาย สิทธิบัตร", "50", ("50",), "ทนายความ"),
    S("cm_retired_chef", WIS, EXP, "นางศรีนวล แม่ครัวล้านนา", "", ("production",), "สูตรน้ำพริก แกงฮังเล ไส้อั่ว การถนอมอาหารแบบพื้นบ้าน", "50", ("50",)),
    # Lamphun (51)
    S("lp_weaving_coop", INS, NET, "สหกรณ์ผ้าฝ้ายทอมือดอนหลวง", "", ("textiles", "marketing"), "ผ้าฝ้ายทอมือ ตลาดผ้า การจำหน่ายผ้าให้ร้านค้า", "51", ("51", "50")),
    # Mae Hong Son (58)
    S("mhs_health", INS, GOV, "สำนักงานสาธารณสุขจังหวัดแม่ฮ่องสอน", "กระทรวงสาธารณสุข", ("food_safety", "herbal_cosmetic"), "ขอ อย. ฉลากอาหาร สถานที่ผลิตตามหลัก GMP สุขลักษณะ จดแจ้งเครื่องสำอาง", "58", ("58",)),
    S("mhs_industry", INS, GOV, "สำนักงานอุตสาหกรรมจังหวัดแม่ฮ่องสอน", "กระทรวงอุตสาหกรรม", ("quality",), "มาตรฐาน มผช. ตรวจประเมินผลิตภัณฑ์ชุมชน", "58", ("58",)),
    S("mhs_commerce", INS, GOV, "สำนักงานพาณิชย์จังหวัดแม่ฮ่องสอน", "กระทรวงพาณิชย์", ("marketing", "pricing"), "ตลาดนัดชุมชน ช่องทางจำหน่ายให้นักท่องเที่ยว ปาย ต้นทุนและราคา", "58", ("58",)),
    S("mhs_weaver_karen", WIS, EXP, "นางหน่อแอ ทอผ้ากะเหรี่ยง", "บ้านห้วยเสือเฒ่า", ("textiles", "design_identity"), "ผ้าทอกี่เอวกะเหรี่ยง ลวดลายและเรื่องราวชาติพันธุ์", "58", ("58",)),
    S("mhs_dyer", WIS, EXP, "นางคำ ย้อมไพร", "", ("textiles",), "ย้อมสีธรรมชาติจากเปลือกไม้ ครั่ง ขมิ้น แก้ปัญหาสีตก", "58", ("58",)),
    S("mhs_shan_food", WIS, EXP, "นายจายคำ ไทใหญ่", "", ("production",), "สูตรอาหารไทใหญ่ ถั่วเน่าแผ่น ข้าวแต๋น การแปรรูปอาหารพื้นบ้าน", "58", ("58",)),
    S("mhs_college", INS, EDU, "วิทยาลัยชุมชนแม่ฮ่องสอน", "สถาบันวิทยาลัยชุมชน", ("production", "marketing", "ecommerce"), "อบรมการแปรรูปผลผลิต การตลาดออนไลน์เบื้องต้น สำหรับกลุ่มอาชีพ", "58", ("58",)),
    S("mhs_baac", INS, FIN, "ธ.ก.ส. สาขาแม่ฮ่องสอน", "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", ("finance",), "สินเชื่อ เงินทุน บัญชีกลุ่มและต้นทุน", "58", ("58",)),
    S("mhs_guide", PER, PRI, "นางสาวนภา เที่ยวปาย", "เพจเที่ยวปาย", ("ecommerce", "marketing"), "ทำเพจเฟซบุ๊ก ไลฟ์สด ขายของฝากให้นักท่องเที่ยว", "58", ("58",)),
    S("mhs_bamboo", WIS, EXP, "พ่อหลวงแก้ว จักสาน", "", ("production", "design_identity"), "จักสานไม้ไผ่ หวาย ภาชนะ", "58", ("58",)),
    S("mhs_honey", PER, EXP, "นายบุญมา รักผึ้ง", "กลุ่มเลี้ยงผึ้งปางมะผ้า", ("production", "quality"), "น้ำผึ้งป่า การลดความชื้น การกรอง บรรจุขวด", "58", ("58",)),
    S("mhs_printer", CO, PRI, "ร้านแม่ฮ่องสอนการพิมพ์", "", ("packaging",), "พิมพ์ฉลากสติ๊กเกอร์ ถุงพิมพ์โลโก้ จำนวนน้อย", "58", ("58",)),
    # Lampang (52)
    S("lp_ceramic", INS, GOV, "ศูนย์ออกแบบเซรามิก ลำปาง", "", ("design_identity", "production"), "เซรามิก ดินเผา เคลือบ ออกแบบรูปทรงและลวดลาย", "52", ("52", "50")),
    S("lp_health", INS, GOV, "สำนักงานสาธารณสุขจังหวัดลำปาง", "กระทรวงสาธารณสุข", ("food_safety",), "ขอ อย. ฉลากอาหาร", "52", ("52",)),
    S("lp_pack", CO, PRI, "บริษัท ลำปางกล่องพิมพ์ จำกัด", "", ("packaging",), "กล่องลูกฟูก กล่องของฝาก พิมพ์ออฟเซ็ท", "52", ("52",)),
    S("lp_univ", INS, EDU, "มหาวิทยาลัยราชภัฏลำปาง", "", ("marketing", "ecommerce", "branding"), "การตลาดดิจิทัล สร้างแบรนด์ชุมชน", "52", ("52",)),
    # Chiang Rai (57)
    S("cr_mfu", INS, EDU, "สำนักวิชาวิทยาศาสตร์เครื่องสำอาง มหาวิทยาลัยแม่ฟ้าหลวง", "มหาวิทยาลัยแม่ฟ้าหลวง", ("herbal_cosmetic", "quality"), "พัฒนาสูตรเครื่องสำอางจากสมุนไพร ทดสอบความปลอดภัยและความคงตัว จดแจ้ง", "57", ("57", "50", "58", "52")),
    S("cr_tea", WIS, EXP, "นายเล่า แซ่ลี", "ไร่ชาดอยแม่สลอง", ("production", "quality"), "แปรรูปชาอู่หลง ชาเขียว การคั่วชา", "57", ("57",)),
    S("cr_design", CO, PRI, "บริษัท เชียงรายครีเอทีฟ จำกัด", "", ("branding", "design_identity", "packaging"), "ออกแบบแบรนด์และฉลาก", "57", ("57",)),
    # Khon Kaen (40)
    S("kku_tech", INS, EDU, "คณะเทคโนโลยี มหาวิทยาลัยขอนแก่น", "มหาวิทยาลัยขอนแก่น", ("food_safety", "production", "packaging"), "อาหารแปรรูป ยืดอายุ ปลาร้า ปลาส้ม บรรจุภัณฑ์สุญญากาศ ระบบ GMP", "40", ("40",)),
    S("kk_silk", INS, GOV, "ศูนย์หม่อนไหมเฉลิมพระเกียรติฯ ขอนแก่น", "กรมหม่อนไหม", ("textiles",), "ผ้าไหม ย้อมสี มัดหมี่ เทคนิคการย้อม", "40", ("40",)),
    S("kk_ecom", PER, PRI, "นางสาวอีสาน ขายเก่ง", "", ("ecommerce",), "Shopee TikTok ไลฟ์สด", "40", ("40",)),
    S("kk_health", INS, GOV, "สำนักงานสาธารณสุขจังหวัดขอนแก่น", "กระทรวงสาธารณสุข", ("food_safety", "herbal_cosmetic"), "ขอ อย. สถานที่ผลิตอาหาร GMP", "40", ("40",)),
    # Bangkok (10): national bodies serve every province
    S("thai_fda", INS, GOV, "กองอาหาร สำนักงานคณะกรรมการอาหารและยา", "กระทรวงสาธารณสุข", ("food_safety", "herbal_cosmetic", "quality"), "กฎหมายอาหาร การขออนุญาตผลิตภัณฑ์ ฉลากโภชนาการ เครื่องสำอาง", "10", EVERYWHERE),
    S("tisi", INS, GOV, "สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม (สมอ.)", "กระทรวงอุตสาหกรรม", ("quality",), "มาตรฐานผลิตภัณฑ์ชุมชน มผช. การรับรอง", "10", EVERYWHERE),
    S("tistr_pack", INS, GOV, "ศูนย์บรรจุภัณฑ์ไทย", "สถาบันวิจัยวิทยาศาสตร์และเทคโนโลยีแห่งประเทศไทย", ("packaging",), "ทดสอบและออกแบบบรรจุภัณฑ์ กันกระแทก ยืดอายุผลิตภัณฑ์ บรรจุภัณฑ์เพื่อการส่งออก", "10", EVERYWHERE),
    S("depa", INS, GOV, "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า)", "", ("ecommerce",), "ยกระดับร้านค้าชุมชนสู่ออนไลน์ แพลตฟอร์มดิจิทัล", "10", EVERYWHERE),
    S("bkk_design", CO, PRI, "บริษัท กรุงเทพดีไซน์เฮาส์ จำกัด", "", ("branding", "design_identity", "packaging"), "ออกแบบแบรนด์สินค้าพรีเมียมเพื่อการส่งออก", "10", ("10",)),
    S("ditp", INS, GOV, "กรมส่งเสริมการค้าระหว่างประเทศ", "กระทรวงพาณิชย์", ("marketing",), "ส่งออก งานแสดงสินค้าต่างประเทศ จับคู่ธุรกิจ", "10", EVERYWHERE),
    S("bkk_agency", CO, PRI, "บริษัท ออนไลน์โปร จำกัด", "", ("ecommerce", "marketing"), "ยิงโฆษณาเฟซบุ๊ก ดูแลร้านค้า Lazada Shopee", "10", ("10",)),
    S("sme_bank", INS, FIN, "ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย", "", ("finance",), "สินเชื่อเอสเอ็มอี", "10", EVERYWHERE),
    # Songkhla (90)
    S("psu_agro", INS, EDU, "คณะอุตสาหกรรมเกษตร มหาวิทยาลัยสงขลานครินทร์", "", ("food_safety", "production", "packaging", "quality"), "แปรรูปอาหารทะเล ยืดอายุ บรรจุภัณฑ์", "90", ("90",)),
    S("sk_batik", WIS, EXP, "นางสาวปาเต๊ะ ศิลป์ใต้", "", ("textiles", "design_identity"), "ผ้าบาติก เขียนเทียน ย้อมสี", "90", ("90",)),
    S("sk_health", INS, GOV, "สำนักงานสาธารณสุขจังหวัดสงขลา", "กระทรวงสาธารณสุข", ("food_safety",), "ขอ อย. ฉลากอาหาร", "90", ("90",)),
    S("sk_ecom", PER, PRI, "นายใต้ ออนไลน์", "", ("ecommerce",), "ขายผ่าน TikTok และเฟซบุ๊ก ไลฟ์สด", "90", ("90",)),
]

NEEDS: list[N] = [
    N("n01", "50", "PACKAGING", "FOOD", "น้ำพริกตาแดง", "บรรจุภัณฑ์เดิมเป็นถุงพลาสติกใส ต้องการกระปุกหรือกล่องที่ปิดสนิท ยืดอายุการเก็บ และฉลากที่ดูน่าซื้อ", ("cmu_agro", "lanna_pack", "doi_design", "cm_rmutl", "tistr_pack")),
    N("n02", "58", "STANDARDS", "FOOD", "ถั่วเน่าแผ่น", "ยังไม่มีเลข อย. ต้องการขออนุญาตสถานที่ผลิตและทำฉลากโภชนาการให้ถูกต้อง", ("mhs_health", "thai_fda", "cmu_agro")),
    N("n03", "50", "DESIGN", "TEXTILE", "ผ้าฝ้ายทอมือ", "ลวดลายผ้าซ้ำกับในตลาด ต้องการออกแบบลายใหม่ที่สะท้อนอัตลักษณ์ล้านนา และใช้สีที่ทันสมัย", ("cmu_fine_arts", "weaver_sankampaeng", "tcdc_cm", "doi_design", "dyer_cm")),
    N("n04", "58", "PRODUCTION", "TEXTILE", "ผ้าทอกะเหรี่ยง", "ผ้าย้อมสีธรรมชาติสีตกเมื่อซัก ต้องการเทคนิคการย้อมให้สีติดทนและสม่ำเสมอ", ("mhs_dyer", "dyer_cm", "mhs_weaver_karen", "cmu_fine_arts")),
    N("n05", "50", "ONLINE", "FOOD", "แหนมหมู", "อยากขายทางออนไลน์ผ่าน Shopee และเฟซบุ๊ก แต่ถ่ายรูปสินค้าไม่สวยและไลฟ์สดไม่เป็น", ("cm_ecom", "cm_photographer", "depa")),
    N("n06", "58", "ONLINE", "HOUSEHOLD", "ตะกร้าจักสานไม้ไผ่", "ต้องการเปิดร้านค้าออนไลน์ ให้นักท่องเที่ยวที่กลับไปแล้วสั่งซื้อซ้ำได้", ("mhs_guide", "cm_ecom", "mhs_college", "depa")),
    N("n07", "50", "PRICE", "FOOD", "กล้วยตาก", "ไม่รู้ต้นทุนที่แท้จริง ตั้งราคาขายส่งต่ำเกินไปจนขาดทุน", ("cm_accountant", "cm_commerce", "cm_marketing_prof")),
    N("n08", "58", "PRICE", "HOUSEHOLD", "ตะกร้าจักสานไม้ไผ่", "ต้องการคำนวณต้นทุนวัตถุดิบและค่าแรง เพื่อกำหนดราคาขายปลีกและขายส่ง", ("mhs_commerce", "gsb_cm", "mhs_baac")),
    N("n09", "50", "STANDARDS", "HERBAL", "ยาหม่องสมุนไพร", "ต้องการจดแจ้งเครื่องสำอางสำหรับยาหม่องและสบู่สมุนไพร", ("cm_health", "cm_herb", "cr_mfu", "thai_fda")),
    N("n10", "58", "STANDARDS", "HERBAL", "สบู่น้ำผึ้ง", "สบู่น้ำผึ้งยังไม่ได้จดแจ้ง และสูตรไม่คงตัว เนื้อสบู่เยิ้มเมื่ออากาศชื้น", ("mhs_health", "cm_herb", "cr_mfu", "thai_fda")),
    N("n11", "50", "QUALITY", "BEVERAGE", "กาแฟอาราบิก้าคั่วบด", "รสชาติกาแฟแต่ละล็อตไม่สม่ำเสมอ ต้องการควบคุมการคั่วและคุณภาพเมล็ด", ("cm_coffee", "mju_agro", "cmu_agro")),
    N("n12", "58", "QUALITY", "FOOD", "น้ำผึ้งป่า", "น้ำผึ้งมีความชื้นสูง เกิดการหมักและฟอง ต้องการให้ได้มาตรฐาน มผช.", ("mhs_honey", "mhs_industry", "cmu_agro", "tisi")),
    N("n13", "50", "MARKETING", "TEXTILE", "ผ้าฝ้ายทอมือ", "ต้องการขยายตลาดไปยังร้านค้าในกรุงเทพฯ และออกงานแสดงสินค้า", ("cm_commerce", "cm_cdd", "cm_marketing_prof", "lp_weaving_coop")),
    N("n14", "58", "MARKETING", "FOOD", "ข้าวแต๋น", "ขายได้เฉพาะในหมู่บ้าน ต้องการช่องทางจำหน่ายให้นักท่องเที่ยวที่ปาย", ("mhs_commerce", "mhs_guide", "mhs_college")),
    N("n15", "50", "PACKAGING", "HOUSEHOLD", "โคมไฟกระดาษสา", "สินค้าแตกหักระหว่างขนส่ง ต้องการบรรจุภัณฑ์กันกระแทกสำหรับส่งพัสดุ", ("lanna_pack", "tistr_pack", "cm_rmutl", "doi_design")),
    N("n16", "58", "PACKAGING", "FOOD", "ถั่วเน่าแผ่น", "ต้องการฉลากและถุงพิมพ์โลโก้จำนวนน้อย ราคาไม่แพง", ("mhs_printer", "lanna_pack", "doi_design")),
    N("n17", "50", "DESIGN", "HOUSEHOLD", "เครื่องเงินวัวลาย", "ต้องการออกแบบเครื่องประดับเงินรุ่นใหม่ให้ใช้ได้ในชีวิตประจำวัน แต่ยังคงลายดุนล้านนา", ("cm_silver", "cmu_fine_arts", "tcdc_cm", "cm_rmutl")),
    N("n18", "58", "DESIGN", "HOUSEHOLD", "ภาชนะจักสาน", "ภาชนะจักสานรูปทรงเดิม ต้องการออกแบบใหม่ให้เป็นของตกแต่งบ้าน", ("mhs_bamboo", "cm_rmutl", "cmu_fine_arts", "tcdc_cm")),
    N("n19", "50", "USEFULNESS", "HOUSEHOLD", "กระเป๋าผักตบชวา", "กระเป๋าใช้งานไม่สะดวก ช่องใส่ของน้อย ต้องการปรับรูปแบบให้ใช้งานได้จริง", ("cm_rmutl", "tcdc_cm", "cmu_fine_arts")),
    N("n20", "58", "PRODUCTION", "FOOD", "ข้าวแต๋น", "ผลิตได้วันละน้อย ทอดด้วยมือ ต้องการเครื่องมือช่วยผลิตและลดต้นทุนการผลิต", ("mju_agro", "cm_dip", "mhs_shan_food", "mhs_college", "cmu_agro")),
    N("n21", "50", "ONLINE", "TEXTILE", "ผ้าฝ้ายทอมือ", "ต้องการทำเพจและคอนเทนต์เล่าเรื่องผ้าทอ เพื่อขายออนไลน์", ("cm_ecom", "cm_photographer", "depa", "doi_design")),
    N("n22", "58", "MARKETING", "TEXTILE", "ผ้าทอกะเหรี่ยง", "ต้องการเล่าเรื่องราวผ้าทอกะเหรี่ยงและสร้างแบรนด์ให้เป็นที่รู้จัก", ("doi_design", "tcdc_cm", "mhs_weaver_karen", "mhs_guide")),
    N("n23", "52", "DESIGN", "HOUSEHOLD", "ถ้วยชามเซรามิก", "ถ้วยชามเซรามิกลวดลายเดิม ต้องการลวดลายและรูปทรงใหม่", ("lp_ceramic", "cm_rmutl", "tcdc_cm")),
    N("n24", "52", "PACKAGING", "FOOD", "ข้าวแต๋นน้ำแตงโม", "ต้องการกล่องของฝากที่สวยงาม ป้องกันข้าวแต๋นแตก", ("lp_pack", "lanna_pack", "cm_rmutl", "tistr_pack")),
    N("n25", "40", "STANDARDS", "FOOD", "ปลาร้าบอง", "ต้องการขอ อย. และปรับปรุงสถานที่ผลิตให้ได้มาตรฐาน GMP", ("kk_health", "kku_tech", "thai_fda")),
    N("n26", "40", "PRODUCTION", "TEXTILE", "ผ้าไหมมัดหมี่", "ผ้าไหมมัดหมี่ย้อมสีไม่สม่ำเสมอ ต้องการพัฒนาเทคนิคการย้อม", ("kk_silk",)),
    N("n27", "90", "ONLINE", "TEXTILE", "ผ้าบาติก", "ต้องการขายผ้าบาติกผ่าน TikTok และไลฟ์สด", ("sk_ecom", "depa")),
    N("n28", "50", "PRICE", "TEXTILE", "ผ้าฝ้ายทอมือพรีเมียม", "ต้องการกลยุทธ์ราคาสำหรับผ้าพรีเมียมที่จะส่งออก", ("cm_marketing_prof", "cm_commerce", "ditp", "cm_accountant")),
    N("n29", "58", "QUALITY", "BEVERAGE", "กาแฟอาราบิก้า", "เมล็ดกาแฟมีกลิ่นอับชื้น ต้องการปรับปรุงการตากและเก็บรักษาเมล็ด", ("cm_coffee", "mju_agro", "cmu_agro")),
    N("n30", "50", "PRODUCTION", "FOOD", "น้ำพริกตาแดง", "ต้องการปรับสูตรน้ำพริกให้เก็บได้นานโดยไม่ใส่สารกันบูด และผลิตได้ปริมาณมากขึ้น", ("cmu_agro", "cm_retired_chef", "mju_agro", "cm_dip")),
    N("n31", "50", "STANDARDS", "TEXTILE", "ผ้าฝ้ายทอมือ", "ต้องการยื่นขอมาตรฐานผลิตภัณฑ์ชุมชน (มผช.) สำหรับผ้าฝ้ายทอมือ", ("cm_industry", "tisi")),
]
# fmt: on


def province(code: str):
    """The province (with a region, a district and a subdistrict), made if missing."""
    from kbo.geo.models import District, Province, Region, Subdistrict

    name_th, name_en, region_code = PROVINCES[code]
    region, _ = Region.objects.get_or_create(
        code=region_code,
        defaults={"name_th": REGIONS[region_code][0], "name_en": REGIONS[region_code][1]},
    )
    found, _ = Province.objects.get_or_create(
        code=code, defaults={"name_th": name_th, "name_en": name_en, "region": region}
    )
    district = found.districts.first() or District.objects.create(
        code=f"{code}01", name_th=f"เมือง{name_th}", province=found
    )
    if not district.subdistricts.exists():
        Subdistrict.objects.create(
            code=f"{district.code}01",
            name_th="ในเมือง",
            district=district,
            province=found,
            postal_codes=f"{code}000",
        )
    return found


def make_source(item: S, provinces: dict, areas: dict):
    from kbo.network.models import KnowledgeSource
    from kbo.network.services import source_texts

    source = KnowledgeSource.objects.create(
        kind=item.kind,
        sector=item.sector,
        name=item.name,
        title=item.title,
        organisation=item.organisation,
        description=item.description,
        home_province=provinces[item.home],
    )
    source.areas.set([areas[code] for code in item.areas])
    source.service_provinces.set([provinces[code] for code in item.serves])
    source.search_text, source.area_text = source_texts(source)
    source.save(update_fields=["search_text", "area_text"])
    return source


def build_eval(fiscal_year: int = 2568) -> tuple[dict, dict]:
    """Create the sources and needs; ({source key: source}, {need key: need})."""
    from kbo.network.areas import ensure_areas
    from kbo.network.models import ExpertiseArea
    from kbo.programmes.models import Decision, Need, Project
    from kbo.registry.models import Producer, Product

    ensure_areas()
    areas = {a.code: a for a in ExpertiseArea.objects.all()}
    provinces = {code: province(code) for code in PROVINCES}
    sources = {item.key: make_source(item, provinces, areas) for item in SOURCES}
    needs = {}
    for number, item in enumerate(NEEDS, start=1):
        where = provinces[item.province]
        project, _ = Project.objects.get_or_create(
            province=where, fiscal_year=fiscal_year, defaults={"name": f"โครงการ KBO {where}"}
        )
        subdistrict = where.subdistricts.select_related("district").first()
        producer = Producer.objects.create(
            code=f"EVAL{number:03}",
            producer_type="COMMUNITY_GROUP",
            name=f"กลุ่ม{item.product}",
            registered_year=2560,
            province=where,
            district=subdistrict.district,
            subdistrict=subdistrict,
        )
        product = Product.objects.create(
            code=f"EVAL{number:03}",
            producer=producer,
            province=where,
            name=item.product,
            category=item.category,
        )
        decision = Decision.objects.create(project=project, product=product, status="SELECTED")
        needs[item.key] = Need.objects.create(
            decision=decision, area=item.area, description=item.description
        )
    return sources, needs


def evaluate(sources: dict, needs: dict, k: int = 5) -> dict[str, float]:
    """precision@k (hits / k), recall@k, and the best precision@k the labels allow."""
    from kbo.programmes.matching import rank

    key_of = {source.pk: key for key, source in sources.items()}
    relevant = {item.key: set(item.relevant) for item in NEEDS}
    precision = recall = ideal = 0.0
    per_need = {}
    for key, need in needs.items():
        top = [key_of.get(m.source.pk) for m in rank(need, limit=k)]
        hits = len(set(top) & relevant[key])
        per_need[key] = hits
        precision += hits / k
        recall += hits / len(relevant[key])
        ideal += min(k, len(relevant[key])) / k
    n = len(needs)
    return {
        "precision": precision / n,
        "recall": recall / n,
        "ideal_precision": ideal / n,
        "needs": n,
        **{f"hits_{key}": float(hits) for key, hits in per_need.items()},
    }
