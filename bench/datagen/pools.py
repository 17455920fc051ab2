"""Words the generated history is written with.

The story vocabulary (cities, trade names, products, projects, pain-point and
value templates, customers' words) is the demo's, imported from
``tools/generate_demo.py`` so that the benchmark reads like the demo. Added here:
English texts, the few-character pain points of salespeople who are "busy for
show" (built from parts, so that each salesperson has thousands of different
ones), morning needs, lost reasons, team names and more trade names.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_demo_vocabulary():
    spec = importlib.util.spec_from_file_location("generate_demo", ROOT / "tools" / "generate_demo.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_demo", module)
    spec.loader.exec_module(module)
    return module


demo = _load_demo_vocabulary()

CITIES = demo.CITIES
ROADS = demo.ROADS
PRODUCT_LINES = demo.PRODUCT_LINES
REVENUE = demo.REVENUE
PROJECTS = demo.PROJECTS
BUSINESS_TYPES = demo.BUSINESS_TYPES
SURNAMES = demo.SURNAMES
GIVEN_NAMES = demo.GIVEN_NAMES
FUNCTIONS = demo.FUNCTIONS
MOBILE_PREFIXES = demo.MOBILE_PREFIXES
LEAD_SOURCES = demo.LEAD_SOURCES
PAIN_CATEGORIES = demo.PAIN_CATEGORIES  # codes: xml ids pain_category_<code> of the add-on
PAIN_TEMPLATES = demo.PAIN_TEMPLATES
VALUE_POINTS = demo.VALUE_POINTS
OTHER_ACTIONS = demo.OTHER_ACTIONS
FEEDBACK = demo.FEEDBACK
LAZY_SUMMARIES = demo.LAZY_SUMMARIES
LAZY_VALUE_POINTS = demo.LAZY_VALUE_POINTS
LAZY_NOTES = demo.LAZY_NOTES
FIRST_WORDS = demo.FIRST_WORDS
FOLLOW_WORDS = demo.FOLLOW_WORDS
WON_WORDS = demo.WON_WORDS
SECOND_QUOTE_WORDS = demo.SECOND_QUOTE_WORDS
DELIVERY_QUESTION_WORDS = demo.DELIVERY_QUESTION_WORDS
METHOD_LABELS = demo.METHOD_LABELS
TAG_LABELS = demo.TAGS  # tag_<line> / tag_project / tag_framework / tag_returning → label

# Trade names (字号) beyond the demo's 65: two characters, with their pinyin.
TRADE_FIRST = [
    ("恒", "heng"), ("华", "hua"), ("鼎", "ding"), ("宏", "hong"), ("金", "jin"), ("远", "yuan"),
    ("天", "tian"), ("中", "zhong"), ("永", "yong"), ("瑞", "rui"), ("新", "xin"), ("嘉", "jia"),
    ("德", "de"), ("海", "hai"), ("同", "tong"), ("锦", "jin"), ("博", "bo"), ("盛", "sheng"),
    ("九", "jiu"), ("万", "wan"), ("信", "xin"), ("鸿", "hong"), ("凯", "kai"), ("润", "run"),
    ("明", "ming"), ("兴", "xing"), ("泰", "tai"), ("安", "an"), ("卓", "zhuo"), ("汇", "hui"),
    ("百", "bai"), ("铭", "ming"), ("启", "qi"), ("三", "san"), ("宝", "bao"), ("联", "lian"),
]  # fmt: skip
TRADE_SECOND = [
    ("达", "da"), ("通", "tong"), ("成", "cheng"), ("源", "yuan"), ("丰", "feng"), ("顺", "shun"),
    ("业", "ye"), ("泰", "tai"), ("隆", "long"), ("昌", "chang"), ("晟", "sheng"), ("创", "chuang"),
    ("宇", "yu"), ("辉", "hui"), ("邦", "bang"), ("固", "gu"), ("祥", "xiang"), ("和", "he"),
    ("茂", "mao"), ("科", "ke"), ("峰", "feng"), ("川", "chuan"), ("越", "yue"), ("路", "lu"),
    ("诚", "cheng"), ("合", "he"), ("星", "xing"), ("航", "hang"), ("力", "li"), ("森", "sen"),
]  # fmt: skip

# Sales teams: regions of the distributor; numbered when there are more teams than regions.
TEAM_REGIONS = [
    "华东",
    "华南",
    "华北",
    "华中",
    "西南",
    "西北",
    "东北",
    "苏南",
    "浙北",
    "沪西",
    "皖江",
    "闽东",
]

# English pain points ({product} {project} {n} {days} filled per visit), for the salespeople who
# write English and the odd English note of the others.
EN_PAIN_TEMPLATES = {
    "lead_time": [
        "Site manager says {product} deliveries are a week late every month and {project} keeps stopping",
        "Their current supplier delivers once a week, nobody takes rush orders for {project}",
        "Last {product} delivery was {n} days late and the main contractor fined them",
    ],
    "compliance": [
        "Owner requires test reports and 3C certificates for {product}, current supplier cannot provide them",
        "State-owned buyer needs full quality documents and special VAT invoices for {product}",
    ],
    "price": [
        "Budget was cut by {n} percent this year, {product} unit price must come down",
        "Another dealer quoted {n} points lower on {product}, the boss wants a better price",
        "They want {days} days payment terms for {project}, current supplier asks cash on delivery",
    ],
    "product_fit": [
        "Basement of {project} keeps leaking, the {product} they use cannot take the water pressure",
        "Oil and dust wear out {product} within three months, every stop costs them a shift",
    ],
    "service": [
        "After-sales is slow, a {product} problem waited a week before anyone came to site",
        "Their crew does not know {product}, they need a technician on site for {project}",
    ],
    "local_marketing": [
        "Local installers do not know our {product} brand, stock moves slowly in the shop",
        "Online prices squeeze the shop margin on {product}, they need something different",
    ],
}
EN_VALUE_POINTS = {
    "lead_time": ["Stock in two warehouses, 24 h delivery to site", "Split deliveries on the site schedule"],
    "compliance": ["Test reports and 3C certificates with every load", "Quality pledge and 13% VAT invoice"],
    "price": ["Framework price fixed for 12 months", "3-5% cheaper for the same grade, 60 days terms"],
    "product_fit": [
        "Self-adhesive membrane, twice the water pressure",
        "Oil-resistant model, double the life",
    ],
    "service": [
        "4 h response, technician on site within 24 h",
        "Technician on site for the first three days",
    ],
    "local_marketing": ["Display racks and installer training", "Area protection price, one price online"],
}
EN_OTHER_ACTIONS = ["Site survey with our technician", "Joint meeting with purchasing and site team"]
EN_FEEDBACK = ["Done as agreed.", "Sent and confirmed by phone.", "Customer confirmed receipt."]

# Sentences a diligent salesperson adds to a pain point: what it costs, how urgent it is.
PAIN_DETAILS = [
    "每次停工损失两三万",
    "工期延误要被总包罚款",
    "已经被业主投诉两次",
    "这个问题月底前必须解决",
    "对比过三家供应商都没解决",
    "工地现场看过，问题确实存在",
    "影响他们的季度考核",
    "去年同样的问题丢了一个项目",
    "返工费用已经超过预算",
    "仓库积压了半年的库存",
    "下个项目招标前要定下来",
    "老板要求下周给方案",
]

# How an opportunity ends: the customer's words on the last call.
LOST_WORDS = [
    "这次我们选了另一家，价格差得有点多，下次有机会再合作。",
    "项目暂停了，今年不采购了。",
    "老板定了用原来的供应商，不好意思。",
    "预算没批下来，先不做了。",
]
WON_CALL_WORDS = "合同已经盖章寄回了，第一批货下周一送到工地。"

# "Busy for show": pain points of 4 to 6 characters, subject + predicate (+ particle).
SHORT_SUBJECT_TITLES = ["总", "工", "姐", "哥"]
SHORT_SUBJECTS = [
    "客户",
    "老板",
    "采购",
    "甲方",
    "工地",
    "财务",
    "项目",
    "厂长",
    "老总",
    "经理",
    "技术",
    "仓库",
]
SHORT_PREDICATES = [
    "再考虑", "在比价", "嫌贵", "没空", "要样品", "等预算", "出差了", "想降价", "要账期", "不着急",
    "在开会", "等回复", "要资料", "要报价", "等批复", "还在谈", "有意向", "再看看", "没拍板", "去外地",
    "不在厂", "换人了", "要试用", "等图纸", "嫌慢", "怕断货", "要发票", "压价", "等开工", "要对比",
    "挺满意", "没见到", "聊得好", "很忙", "要优惠", "问交期", "问库存", "要合同", "等定标", "看样板",
    "要演示", "要案例", "嫌远", "要送货", "要安装", "要质保", "等总部", "等老板", "要现货", "看价格",
    "不太急", "在犹豫", "想换牌子", "要月结", "嫌起订量", "要包运费", "再约时间", "先发资料", "回去商量",
    "下周再约", "去工地了", "没谈拢", "要再比比", "资金紧张", "等验收", "等招标", "要降三个点",
]  # fmt: skip
SHORT_PARTICLES = ["了", "吧", "呢", "啊"]

MORNING_NEEDS = [
    "确认{product}交期", "{honor}要年度框架价", "送样品去{project}", "{project}验收资料",
    "对账开票", "{product}报价复核", "约{honor}看仓库", "技术员现场指导", "催回款",
    "{project}追加{product}", "安排{product}送货", "提交检测报告", "{honor}要再报一版价",
]  # fmt: skip

LOST_REASON_WEIGHTS = [("crm.lost_reason_1", 5), ("crm.lost_reason_2", 1), ("crm.lost_reason_3", 2)]

PLANNED_ACTIVITIES = [
    ("mail.mail_activity_data_call", "电话确认样品试用结果"),
    ("mail.mail_activity_data_call", "跟{honor}确认下批送货时间"),
    ("mail.mail_activity_data_meeting", "约{honor}面谈年度框架"),
    ("mail.mail_activity_data_todo", "报价前和技术部核对规格"),
    ("mail.mail_activity_data_email", "把检测报告和资质文件发给{honor}"),
]
