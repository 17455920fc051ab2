#!/usr/bin/env python3
"""Generate the demo data of ``sales_action_anchor`` (``sales_action_anchor/demo/*.xml``).

The story: the East China sales team of a building-materials and industrial-supplies
distributor (waterproofing, pipes, cables, insulation, valves, fasteners, MRO). Eight
salespeople, each with a territory and eight customers, and about a hundred
opportunities over the last three months, spread over the six anchor stages.

Every opportunity reaches its stage the way a real one would: it is created in Lead,
its evidence is recorded (touch with a chat excerpt, submitted visit, agreed action
marked done, proposal or quote document), and only then is its stage written, so the
add-on's gates check real evidence. Dates are relative to the day the data is loaded
(``DateTime.today() - relativedelta(days=N)``), so the demo always looks recent.

A few habits show up in the figures:

* 张伟 logs many visits whose pain point is a few characters ("王总再考虑");
* 李娜 completes nearly every agreed action before its deadline;
* 杨帆 lets opportunities go without follow-up for more than three days;
* 黄晓东, new in the team, has fresh leads still waiting for their first touch.

The team works in Chinese and in yuan: the demo company's currency is CNY, and
Simplified Chinese is installed before the people are created, so that they, their
customers, and everything the server writes for them (assignment notices,
activities, chatter) are in Chinese, as if they had worked in it all along.

Deterministic (``random.Random(42)``): running it twice writes the same files.
``--check`` writes nothing and fails when a demo file differs from what it would
write (``scripts/test`` runs it).

    python3 tools/generate_demo.py [--check]
"""

import filecmp
import importlib.util
import random
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
ADDON_DIR = ROOT / "sales_action_anchor"
DEMO_DIR = ADDON_DIR / "demo"


def _load_text_quality():
    """The add-on's own text rules (pure Python), to check every summary we write."""
    spec = importlib.util.spec_from_file_location("text_quality", ADDON_DIR / "lib" / "text_quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


text_quality = _load_text_quality()
rng = random.Random(42)

LANG = "zh_CN"  # the team's language: its users', its customers', and the demo's actions'
CURRENCY = "base.CNY"  # the demo company's
MAX_AGE_DAYS = 89  # nothing older than three months
SLA_HOURS = 48  # default first-touch SLA of the team (crm.team.anchor_first_touch_hours)
VALUE_POINT_MAX_CHARS = 50  # crm_anchor_visit.VALUE_POINT_MAX_CHARS

LEAD, VISIT, PROPOSAL, QUOTE, SIGNED, DELIVERY = range(6)
STAGE_CODES = ["lead", "visit", "proposal", "quote", "signed", "delivery"]
STAGE_NAMES = ["Lead", "Visit", "Proposal", "Quote", "Signed", "Delivery"]


# ============================================================================
# Reference data
# ============================================================================


@dataclass(frozen=True)
class Habits:
    """How a salesperson works, as probabilities."""

    done_rate: float  # agreed actions completed once due
    on_time_rate: float  # completed actions completed by their deadline
    early_rate: float  # actions completed before their deadline even came
    overdue_rate: float  # open opportunities left without follow-up for > 3 days
    late_touch_rate: float  # first touches after the 48 h SLA
    visits: tuple  # (min, max) visits logged per step where one would do


HABITS = {
    "steady": Habits(0.85, 0.85, 0.15, 0.12, 0.1, (1, 1)),
    "diligent": Habits(1.0, 0.95, 0.5, 0.0, 0.0, (1, 1)),
    "lazy": Habits(0.3, 0.35, 0.0, 0.15, 0.25, (2, 4)),
    "slow": Habits(0.5, 0.4, 0.0, 0.6, 0.4, (1, 1)),
    "new": Habits(0.7, 0.6, 0.1, 0.2, 0.2, (1, 1)),
}


@dataclass
class Salesperson:
    key: str  # xml id suffix and login
    name: str
    persona: str
    cities: tuple  # territory
    stages: tuple  # opportunities per stage: Lead, Visit, Proposal, Quote, Signed, Delivery
    waiting: int = 0  # of the Lead-stage ones, how many still wait for their first touch

    @property
    def xmlid(self):
        return f"user_{self.key}"

    @property
    def login(self):
        return f"{self.key.replace('_', '.')}@demo.example"

    @property
    def habits(self):
        return HABITS[self.persona]


SALESPEOPLE = [
    Salesperson("wang_lei", "王磊", "steady", ("上海",), (1, 3, 3, 2, 2, 2)),
    Salesperson("li_na", "李娜", "diligent", ("苏州", "昆山"), (1, 3, 3, 3, 2, 2)),
    Salesperson("zhang_wei", "张伟", "lazy", ("无锡", "常州"), (1, 6, 4, 1, 0, 0)),
    Salesperson("liu_yang", "刘洋", "steady", ("南京", "南通", "合肥"), (2, 3, 3, 2, 2, 1)),
    Salesperson("chen_jing", "陈静", "steady", ("杭州", "湖州"), (1, 3, 3, 3, 2, 2)),
    Salesperson("yang_fan", "杨帆", "slow", ("宁波", "绍兴"), (2, 4, 3, 2, 1, 1), waiting=1),
    Salesperson("zhao_min", "赵敏", "steady", ("嘉兴", "上海"), (2, 3, 2, 2, 2, 1)),
    Salesperson("huang_xiaodong", "黄晓东", "new", ("苏州", "上海"), (4, 3, 1, 1, 1, 1), waiting=2),
]
MANAGER = Salesperson("zhou_jianguo", "周建国", "steady", (), ())
# Days since each salesperson joined the team: two newcomers, the others are veterans (730).
JOINED_DAYS_AGO = {"yang_fan": 75, "huang_xiaodong": 40}
# The pilot group (动作先锋组): the two most reliable salespeople and the two newcomers.
PILOT_GROUP = {"li_na", "wang_lei", "yang_fan", "huang_xiaodong"}
CUSTOMERS_PER_SALESPERSON = 8

# name, state, area code, zip prefix, districts
CITIES = {
    "上海": ("base.state_cn_SH", "021", "201", ["浦东新区", "闵行区", "嘉定区", "松江区", "宝山区"]),
    "苏州": ("base.state_cn_JS", "0512", "215", ["工业园区", "高新区", "吴中区", "相城区", "吴江区"]),
    "昆山": ("base.state_cn_JS", "0512", "2153", ["开发区", "花桥镇", "周市镇", "张浦镇"]),
    "无锡": ("base.state_cn_JS", "0510", "214", ["新吴区", "滨湖区", "惠山区", "锡山区"]),
    "常州": ("base.state_cn_JS", "0519", "213", ["武进区", "新北区", "天宁区"]),
    "南京": ("base.state_cn_JS", "025", "210", ["江宁区", "浦口区", "栖霞区", "雨花台区"]),
    "南通": ("base.state_cn_JS", "0513", "226", ["崇川区", "通州区", "开发区"]),
    "合肥": ("base.state_cn_AH", "0551", "230", ["蜀山区", "包河区", "经开区", "高新区"]),
    "杭州": ("base.state_cn_ZJ", "0571", "310", ["余杭区", "萧山区", "滨江区", "钱塘区"]),
    "湖州": ("base.state_cn_ZJ", "0572", "313", ["吴兴区", "南浔区", "长兴县"]),
    "宁波": ("base.state_cn_ZJ", "0574", "315", ["鄞州区", "北仑区", "镇海区", "慈溪市"]),
    "绍兴": ("base.state_cn_ZJ", "0575", "312", ["柯桥区", "越城区", "上虞区"]),
    "嘉兴": ("base.state_cn_ZJ", "0573", "314", ["南湖区", "秀洲区", "嘉善县", "平湖市"]),
}
ROADS = [
    "星湖街", "长江路", "人民路", "建设路", "工业大道", "创业路", "科技大道", "金山路",
    "兴业路", "光明路", "东环路", "新华路", "园区大道", "滨河路", "解放东路", "江南大道",
]  # fmt: skip

# Trade names (字号) with their pinyin, one per customer.
TRADE_NAMES = [
    ("恒信", "hengxin"), ("华宇", "huayu"), ("鼎盛", "dingsheng"), ("宏达", "hongda"),
    ("金桥", "jinqiao"), ("远东", "yuandong"), ("天成", "tiancheng"), ("中联", "zhonglian"),
    ("永固", "yonggu"), ("瑞丰", "ruifeng"), ("新港", "xingang"), ("嘉业", "jiaye"),
    ("德润", "derun"), ("海川", "haichuan"), ("同创", "tongchuang"), ("锦程", "jincheng"),
    ("博远", "boyuan"), ("盛达", "shengda"), ("九洲", "jiuzhou"), ("万通", "wantong"),
    ("信合", "xinhe"), ("鸿运", "hongyun"), ("凯旋", "kaixuan"), ("润泽", "runze"),
    ("明辉", "minghui"), ("兴隆", "xinglong"), ("泰和", "taihe"), ("安澜", "anlan"),
    ("卓越", "zhuoyue"), ("汇通", "huitong"), ("百川", "baichuan"), ("铭远", "mingyuan"),
    ("启航", "qihang"), ("三和", "sanhe"), ("嘉禾", "jiahe"), ("宝鼎", "baoding"),
    ("联创", "lianchuang"), ("华信", "huaxin"), ("友联", "youlian"), ("裕丰", "yufeng"),
    ("金鼎", "jinding"), ("宏图", "hongtu"), ("伟业", "weiye"), ("浩达", "haoda"),
    ("永安", "yongan"), ("东升", "dongsheng"), ("华盛", "huasheng"), ("鑫源", "xinyuan"),
    ("瀚海", "hanhai"), ("中瑞", "zhongrui"), ("晟通", "shengtong"), ("和顺", "heshun"),
    ("天润", "tianrun"), ("明德", "mingde"), ("蓝天", "lantian"), ("宏泰", "hongtai"),
    ("瑞祥", "ruixiang"), ("信达", "xinda"), ("盛世", "shengshi"), ("远航", "yuanhang"),
    ("江南", "jiangnan"), ("国润", "guorun"), ("弘毅", "hongyi"), ("新宇", "xinyu"),
    ("立恒", "liheng"),
]  # fmt: skip

# Product lines: tag, products.
PRODUCT_LINES = {
    "waterproof": ("防水材料", ["SBS改性沥青防水卷材", "高分子自粘防水卷材", "聚氨酯防水涂料", "JS防水涂料"]),
    "pipe": ("管材管件", ["PPR给水管", "PE给水管", "HDPE双壁波纹管", "不锈钢卡压管件", "镀锌钢管"]),
    "cable": ("电线电缆", ["YJV电力电缆", "BV铜芯电线", "阻燃控制电缆", "电缆桥架"]),
    "insulation": ("保温材料", ["岩棉板", "挤塑聚苯板", "橡塑保温管", "硅酸铝保温棉"]),
    "valve": ("阀门泵类", ["消防闸阀", "软密封蝶阀", "不锈钢球阀", "管道离心泵"]),
    "fastener": ("五金紧固件", ["高强度螺栓", "化学锚栓", "膨胀螺栓", "不锈钢紧固件"]),
    "mro": ("工业耗材", ["劳保手套及安全鞋", "工业润滑油", "切削刀具", "轴承及密封件", "气动元件"]),
    "tile": ("瓷砖辅材", ["瓷砖胶", "环氧美缝剂", "自流平砂浆"]),
}
# (low, high) expected revenue in CNY per product line
REVENUE = {
    "waterproof": (80_000, 1_200_000),
    "pipe": (50_000, 900_000),
    "cable": (100_000, 2_500_000),
    "insulation": (60_000, 800_000),
    "valve": (30_000, 500_000),
    "fastener": (20_000, 300_000),
    "mro": (30_000, 600_000),
    "tile": (20_000, 200_000),
}

PROJECTS = {
    "building": [
        "滨江壹号院", "湖畔花园二期", "科创园标准厂房", "人民医院门诊楼", "实验学校新校区", "轨道交通停车场",
        "城市商业综合体", "人才公寓", "安置房三期", "产业园研发楼", "高铁新城商务区", "体育中心改造",
    ],
    "plant": ["二号车间改造", "年度MRO采购", "设备大修", "新厂房建设", "产线扩建", "年度备件框架"],
    "trade": ["门店年度备货", "区域经销合作", "工程渠道拓展"],
    "utility": ["污水管网改造", "泵站更新", "供水管网改造", "热网改造", "锅炉房保温更新"],
    "service": ["仓库屋面防水维修", "园区二期", "客房翻新", "后厨改造", "园区管网维修"],
}  # fmt: skip

# full suffix, short suffix, industry, product lines, projects, e-mail slug, weight
BUSINESS_TYPES = [
    ("建筑工程有限公司", "建筑", "F", "waterproof pipe cable insulation", "building", "build", 10),
    ("建设集团有限公司", "建设", "F", "waterproof cable fastener", "building", "group", 4),
    ("装饰工程有限公司", "装饰", "F", "tile waterproof pipe", "building", "deco", 6),
    ("机电安装工程有限公司", "机电", "F", "pipe valve cable insulation", "building", "mep", 6),
    ("市政工程有限公司", "市政", "F", "pipe valve", "utility", "civil", 3),
    ("置业有限公司", "置业", "L", "waterproof tile insulation", "building", "estate", 4),
    ("物业服务有限公司", "物业", "L", "waterproof valve mro", "service", "property", 2),
    ("精密机械有限公司", "机械", "C", "mro fastener", "plant", "machinery", 5),
    ("汽车零部件有限公司", "汽配", "C", "mro fastener valve", "plant", "auto", 4),
    ("电子科技有限公司", "电子", "C", "mro cable", "plant", "tech", 3),
    ("新材料科技有限公司", "新材料", "C", "mro valve insulation", "plant", "materials", 2),
    ("建材贸易有限公司", "建材", "G", "waterproof pipe tile", "trade", "bm", 4),
    ("五金机电有限公司", "五金", "G", "fastener mro", "trade", "hardware", 2),
    ("水务有限公司", "水务", "E", "pipe valve", "utility", "water", 2),
    ("环保工程有限公司", "环保", "E", "pipe valve", "utility", "env", 2),
    ("热电有限公司", "热电", "D", "insulation valve cable", "utility", "power", 2),
    ("物流有限公司", "物流", "H", "waterproof fastener mro", "service", "logistics", 2),
    ("酒店管理有限公司", "酒店", "I", "pipe tile valve", "service", "hotel", 1),
]

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"),
    ("高", "gao"), ("郑", "zheng"), ("沈", "shen"), ("钱", "qian"), ("蒋", "jiang"), ("陆", "lu"),
    ("顾", "gu"), ("施", "shi"), ("姚", "yao"), ("邵", "shao"),
]  # fmt: skip
GIVEN_NAMES = [
    ("建国", "jianguo"), ("志强", "zhiqiang"), ("秀英", "xiuying"), ("海燕", "haiyan"), ("国华", "guohua"),
    ("文斌", "wenbin"), ("晓峰", "xiaofeng"), ("丽华", "lihua"), ("振宇", "zhenyu"), ("春生", "chunsheng"),
    ("永刚", "yonggang"), ("美玲", "meiling"), ("德明", "deming"), ("俊杰", "junjie"), ("红梅", "hongmei"),
    ("立新", "lixin"), ("卫东", "weidong"), ("雪梅", "xuemei"), ("建华", "jianhua"), ("国强", "guoqiang"),
    ("小军", "xiaojun"), ("亚平", "yaping"), ("宏伟", "hongwei"), ("静怡", "jingyi"),
]  # fmt: skip
# function, how the salesperson addresses them (after the surname)
FUNCTIONS = [
    ("总经理", "总"), ("副总经理", "总"), ("采购经理", "经理"), ("采购主管", "经理"),
    ("项目经理", "工"), ("工程部经理", "工"), ("设备科科长", "科长"), ("材料员", "师傅"),
]  # fmt: skip
MOBILE_PREFIXES = ["138", "139", "136", "137", "135", "150", "151", "158", "159", "186", "187", "188", "180"]
LEAD_SOURCES = [
    "老客户转介绍",
    "官网询盘",
    "上海建材展名片",
    "电话陌拜",
    "招标网信息",
    "设计院推荐",
    "1688询价",
]

PAIN_CATEGORIES = ["lead_time", "compliance", "price", "product_fit", "service", "local_marketing"]

# {product} {project} {honor} {n} {days} are filled per visit.
PAIN_TEMPLATES = {
    "lead_time": [
        "{project}工期倒排，{product}经常晚到一周，现场停工待料，{honor}压力很大",
        "现有供应商每周只配送一次，{project}临时追加的{product}没人接急单",
        "{product}规格杂、用量散，自己囤货压资金，不囤又怕断货耽误{project}",
        "上次{product}到货晚了{n}天，被总包罚款，{honor}想换个交期稳的供应商",
    ],
    "compliance": [
        "甲方要求{product}提供3C认证和第三方检测报告，原供应商资料不全，{project}验收卡住",
        "{project}要创优质工程，{product}必须有完整的合格证和进场复试报告",
        "国企采购流程严，{product}供应商要能开专票并提供完整质保文件，{honor}很重视",
        "环保检查越来越严，{project}用的{product}需要环保检测报告，老供应商出不了",
    ],
    "price": [
        "今年预算比去年压了{n}%，{product}单价不降下来{honor}那边批不了",
        "另一家经销商{product}报价低了{n}个点，老板让{honor}拿出有竞争力的价格",
        "{project}回款慢，希望{product}给到{days}天账期，原供应商要求款到发货",
        "{product}价格每月都在涨，{honor}想锁定全年价格，方便{project}做成本核算",
    ],
    "product_fit": [
        "{project}地下室反复渗漏，现用的{product}耐水压不够，已经返工两次",
        "{product}跟现有设备接口不匹配，{project}每次都要现场改，费工费时",
        "车间油污粉尘大，{product}用不到三个月就要换，{honor}说停机损失大",
        "{project}设计变更后{product}规格调整，原供应商没有合适的替代型号",
    ],
    "service": [
        "以前供应商售后响应慢，{product}出问题一周没人到现场，{honor}很不满意",
        "施工队对{product}不熟，{project}需要供应商派技术员到现场指导",
        "对账开票经常出错，财务每月要花两三天核对{product}的送货单",
        "{product}到货经常少件漏件，补货又要等{n}天，{project}现场很被动",
    ],
    "local_marketing": [
        "店里{product}品牌知名度低，周边装修队不认，{project}的货走得慢",
        "想做本地{product}区域代理，但缺样板展示和施工培训支持，{honor}拿不准",
        "线上平台价格冲击大，门店{product}利润薄，{project}需要差异化的产品",
    ],
}
VALUE_POINTS = {
    "lead_time": [
        "苏州、无锡两地仓库常备现货，市区24小时、周边48小时送到工地",
        "按工期计划分批送货，现场不囤货，急单当天调拨",
        "专人跟单，每天同步发货和到货情况",
    ],
    "compliance": [
        "全系列带3C认证和第三方检测报告，随货提供验收资料包",
        "配合进场复试，出具质保承诺函，开13%专票",
        "提供环保检测报告和原厂授权书",
    ],
    "price": [
        "年度框架价锁定12个月，用量达标再返2%",
        "同等品质价格低3%到5%，可给60天账期",
        "整单打包报价，运费和卸货费全包",
    ],
    "product_fit": [
        "推荐高分子自粘卷材，耐水压高一倍，质保十年",
        "技术员现场核对接口尺寸，免费提供转换件",
        "推荐耐油耐磨型号，使用寿命可延长一倍",
        "备有全规格替代型号，可先送样试用",
    ],
    "service": [
        "专属客服加技术员，4小时响应，24小时到场",
        "首批施工派技术员驻场指导三天",
        "每月自动对账，电子送货单和发票一一对应",
    ],
    "local_marketing": [
        "提供样板展示架和施工培训，联合办装修队推广会",
        "给区域保护价，线上线下价格统一管控",
    ],
}
OTHER_ACTIONS = [
    "安排技术员到现场勘察",
    "约采购部和工程部一起开方案会",
    "邀请{honor}参观无锡仓库",
    "提供同类项目的案例和业主联系方式",
    "帮忙对接设计院确认规格",
]
FEEDBACK = {
    "send_proposal": ["方案已发{honor}邮箱，电话确认已收到。", "技术方案和案例资料已通过微信发给{honor}。"],
    "send_quote": ["报价单已盖章发出，{honor}说本周内回复。", "正式报价已发，附年度框架价格表。"],
    "arrange_demo": ["已带{honor}参观仓库并现场演示施工。", "技术员到工地做了样板段演示。"],
    "provide_samples": ["样品已顺丰寄出，{honor}签收。", "样品已送到现场，约好试用后反馈。"],
    "other": ["已按约定完成。", "已完成，{honor}那边反馈可以。"],
}

# The lazy salesperson's pain points: a few characters each, all different.
LAZY_SUMMARIES = [
    "王总再考虑", "价格再谈谈", "等老板拍板", "客户在比价", "预算还没批", "下月再联系",
    "采购在出差", "要再看样品", "嫌交期太长", "还在走流程", "等项目开工", "在对比三家",
    "付款条件卡住", "李总不在厂", "图纸没定稿", "等招标结果", "库存还够用", "想要更低价",
    "领导没空见", "先发资料看", "下周再约", "觉得还可以", "需求不明确", "老供应商熟",
    "等年底预算", "质保要加长", "再比较一下", "考虑换品牌", "要总部审批", "先试用看看",
    "客户比较忙", "暂时不着急", "资料已给到", "还在犹豫", "聊得不错", "有合作意向",
    "约了下次", "回去商量下", "没见到老板", "价格偏高", "等设计确认", "要跟总包谈",
    "样品还没试", "合同再看看", "报价要重做",
]  # fmt: skip
LAZY_VALUE_POINTS = ["价格可以谈", "送货快", "质量有保障", "有现货", "服务好"]
LAZY_NOTES = ["再联系", "下周再去", "电话跟进", "等客户回复"]

FIRST_WORDS = [
    "{project}下个月要进场，{product}还没定供应商，你先把资料和报价发过来看看。",
    "现在用的是老供应商，价格还行，就是送货老拖。你们在附近有仓库吗？",
    "我们年底要做年度供应商招标，你们可以先报名入库。",
    "最近在忙验收，下周二以后来公司聊吧。",
    "听朋友说你们{product}做得不错，先加个微信，把产品目录发我。",
    "{product}我们一直在用，主要问题是质量不稳定，你们有检测报告吗？",
    "今年{product}的用量大概是去年的两倍，想多找几家比比价。",
    "可以，周四上午来工地吧，我们工程部的人也在。",
]
FOLLOW_WORDS = [
    "资料看了，技术部觉得参数可以，价格还要再谈。",
    "样品收到了，工地试了两卷，效果还不错。",
    "老板出差了，下周回来再定。",
    "方案我们内部过了一遍，有几个细节要改，我微信发你。",
    "报价收到了，比另一家高一点，你们能不能再让一让？",
    "工地进度推迟了，{product}要晚半个月再要。",
    "你们的技术员来了一趟，问题讲清楚了，挺专业的。",
    "付款方式能不能改成月结？其他都没问题。",
    "下周一开评审会，你准备一下资料过来讲讲。",
    "{project}那边催得紧，你们最快什么时候能送第一批？",
]
WON_WORDS = [
    "合同已经盖章寄回了，第一批货下周一送到工地。",
    "货收到了，数量对的，包装也没问题。",
    "第一批用下来反馈不错，后面的量按计划走。",
    "发票收到了，财务月底安排付款。",
]
SECOND_QUOTE_WORDS = "数量有调整，{honor}让你按新的数量再报一版价，价格再看看能不能让一点。"
DELIVERY_QUESTION_WORDS = "合同签了，想确认第一批什么时候能到、怎么卸货，需要我们准备什么？"
METHOD_LABELS = {"wechat": "微信聊天记录", "phone": "通话记录", "email": "邮件往来", "onsite": "外勤签到"}

PLANNED_ACTIVITIES = [
    ("mail.mail_activity_data_call", "电话确认样品试用结果"),
    ("mail.mail_activity_data_call", "跟{honor}确认下批送货时间"),
    ("mail.mail_activity_data_meeting", "约{honor}面谈年度框架"),
    ("mail.mail_activity_data_todo", "报价前和技术部核对规格"),
    ("mail.mail_activity_data_email", "把检测报告和资质文件发给{honor}"),
]


# ============================================================================
# Time: everything is relative to the day the data is loaded
# ============================================================================

SHANGHAI_UTC_OFFSET = 8 * 60  # minutes; working hours in Shanghai are 01:00-10:30 UTC


@dataclass(frozen=True)
class Moment:
    """``days`` days ago (negative: in the future) at ``minute`` minutes after
    midnight, Shanghai time. Kept between 08:00 and 23:59 Shanghai time, so the
    UTC date is the Shanghai date and "days ago" means the same in both."""

    days: int
    minute: int = 10 * 60

    def key(self):
        return (-self.days, self.minute)

    def _day(self):
        if self.days > 0:
            return f"(DateTime.today() - relativedelta(days={self.days}))"
        if self.days < 0:
            return f"(DateTime.today() + relativedelta(days={-self.days}))"
        return "DateTime.today()"

    def datetime_expr(self):
        hour, minute = divmod(self.minute - SHANGHAI_UTC_OFFSET, 60)
        return f"{self._day()}.strftime('%Y-%m-%d {hour:02d}:{minute:02d}:00')"

    def date_expr(self):
        return f"{self._day()}.strftime('%Y-%m-%d')"

    def later(self, minutes):
        return Moment(self.days, min(self.minute + minutes, 23 * 60))

    def __str__(self):
        when = f"D-{self.days}" if self.days >= 0 else f"D+{-self.days}"
        return f"{when} {self.minute // 60:02d}:{self.minute % 60:02d}"


@dataclass(frozen=True)
class HoursAgo:
    """A moment a few hours before the data is loaded (leads that just came in)."""

    hours: int

    def datetime_expr(self, plus_hours=0):
        delta = plus_hours - self.hours
        sign = "+" if delta >= 0 else "-"
        return f"(DateTime.today() {sign} relativedelta(hours={abs(delta)})).strftime('%Y-%m-%d %H:%M:%S')"

    def __str__(self):
        return f"{self.hours} hours ago"


# ============================================================================
# The model of the story
# ============================================================================


@dataclass
class Contact:
    key: str
    name: str
    function: str
    honor: str  # 陈总, 李经理, 王工...
    mobile: str
    email: str


@dataclass
class Customer:
    key: str
    name: str
    short: str
    city: str
    street: str
    zip: str
    phone: str
    email: str
    website: str
    industry: str
    lines: list
    projects: list
    salesperson: Salesperson
    contact: Contact

    @property
    def xmlid(self):
        return f"partner_{self.key}"


@dataclass(kw_only=True, eq=False)
class Event:
    """Something that happens to an opportunity. ``rel`` is the day counted from
    the day the opportunity came in, while the story is planned; ``at`` the
    final moment, once the story is placed in the last three months."""

    rel: int = 0
    seq: float = 0
    at: Moment = None
    is_followup = False  # touches and submitted visits count as follow-ups


@dataclass(kw_only=True, eq=False)
class Touch(Event):
    number: int
    method: str
    words: str
    evidence_name: str = ""
    evidence_text: str = ""
    first: bool = False
    signal: str = ""  # a customer signal tagged on the touch (see data/crm_anchor_signal_data.xml)
    is_followup = True


@dataclass(kw_only=True, eq=False)
class Visit(Event):
    number: int
    state: str = "submitted"
    category: str = ""
    summary: str = ""
    value: str = ""
    action: str = ""
    note: str = ""
    followup_gap: int = 3  # days between the visit and the agreed follow-up
    followup: Moment = None
    channel: str = ""
    submitted: Moment = None
    done: "ActionDone" = None

    @property
    def is_followup(self):
        return self.state == "submitted"


@dataclass(kw_only=True, eq=False)
class ActionDone(Event):
    visit: Visit
    feedback: str

    @property
    def on_time(self):
        # crm.anchor.visit._anchor_register_action_done: done no later than the deadline's day
        return self.at.days >= self.visit.followup.days


@dataclass(kw_only=True, eq=False)
class StageMove(Event):
    stage: int


@dataclass(kw_only=True, eq=False)
class Document(Event):
    kind: str  # proposal / quote
    name: str
    text: str


@dataclass(kw_only=True, eq=False)
class SignedReminders(Event):
    pass


@dataclass(kw_only=True, eq=False)
class ClosedReminders(Event):
    kinds: list  # delivery / invoice / payment


@dataclass
class Opportunity:
    key: str
    customer: Customer
    stage: int
    line: str
    product: str
    project: str
    revenue: int
    priority: str
    tags: list
    source: str
    waiting: bool = False  # no first touch yet
    overdue: bool = False  # left without follow-up for more than 3 days
    created: object = None  # Moment or HoursAgo
    events: list = field(default_factory=list)

    @property
    def user(self):
        return self.customer.salesperson

    @property
    def xmlid(self):
        return self.key

    @property
    def name(self):
        return f"{self.customer.short} · {self.project} {self.product}"

    def fill(self, template, **extra):
        """A template with this opportunity's words in it."""
        values = {
            "product": self.product,
            "project": self.project,
            "honor": self.customer.contact.honor,
            "n": rng.randint(5, 15),
            "days": rng.choice([60, 90]),
        }
        values.update(extra)
        return template.format(**values)


# ============================================================================
# Customers
# ============================================================================


def make_customers():
    trade_names = TRADE_NAMES[:]
    rng.shuffle(trade_names)
    people = [(s, g) for s in SURNAMES for g in GIVEN_NAMES]
    rng.shuffle(people)
    weights = [t[-1] for t in BUSINESS_TYPES]
    customers = []
    for salesperson in SALESPEOPLE:
        for _i in range(CUSTOMERS_PER_SALESPERSON):
            (trade, trade_py), (surname, given) = trade_names.pop(), people.pop()
            full, short, industry, lines, projects, slug, _w = rng.choices(BUSINESS_TYPES, weights)[0]
            city = rng.choice(salesperson.cities)
            state, area, zip_prefix, districts = CITIES[city]
            domain = f"{trade_py}-{slug}.example"
            function, title = rng.choice(FUNCTIONS)
            contact = Contact(
                key=f"{trade_py}_{surname[1]}_{given[1]}",
                name=surname[0] + given[0],
                function=function,
                honor=surname[0] + title,
                mobile=f"{rng.choice(MOBILE_PREFIXES)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
                email=f"{surname[1]}{given[1]}@{domain}",
            )
            customers.append(
                Customer(
                    key=trade_py,
                    name=f"{city}{trade}{full}",
                    short=trade + short,
                    city=city,
                    street=f"{rng.choice(districts)}{rng.choice(ROADS)}{rng.randint(8, 999)}号",
                    zip=(zip_prefix + "".join(str(rng.randint(0, 9)) for _ in range(6)))[:6],
                    phone=f"{area}-{rng.choice('5678')}{rng.randint(0, 9999999):07d}",
                    email=f"info@{domain}",
                    website=f"https://www.{domain}",
                    industry=industry,
                    lines=lines.split(),
                    projects=PROJECTS[projects],
                    salesperson=salesperson,
                    contact=contact,
                )
            )
    return customers


# ============================================================================
# Opportunities and their stories
# ============================================================================


def round_revenue(amount):
    step = 1_000 if amount < 100_000 else 5_000 if amount < 1_000_000 else 10_000
    return round(amount / step) * step


def make_opportunities(customers):
    opportunities = []
    for salesperson in SALESPEOPLE:
        mine = [c for c in customers if c.salesperson is salesperson]
        stages = [stage for stage, count in enumerate(salesperson.stages) for _ in range(count)]
        rng.shuffle(stages)
        # every customer has one opportunity, some a second one
        owners = mine + rng.sample(mine, len(stages) - len(mine))
        taken = set()
        waiting = salesperson.waiting
        for stage, customer in zip(stages, owners, strict=True):
            line = rng.choice(customer.lines)
            project = rng.choice([p for p in customer.projects if (customer.key, p) not in taken])
            taken.add((customer.key, project))
            low, high = REVENUE[line]
            tags = [f"tag_{line}"]
            if "年度" in project:
                tags.append("tag_framework")
            elif customer.industry in ("F", "L"):
                tags.append("tag_project")
            if rng.random() < 0.3:
                tags.append("tag_returning")
            opportunity = Opportunity(
                key=f"lead_{len(opportunities) + 1:03d}",
                customer=customer,
                stage=stage,
                line=line,
                product=rng.choice(PRODUCT_LINES[line][1]),
                project=project,
                revenue=round_revenue(low + (high - low) * rng.random() ** 2),
                priority=rng.choices("0123", [3, 4, 2, 1])[0],
                tags=tags,
                source=rng.choice(LEAD_SOURCES),
            )
            if stage == LEAD and waiting:
                opportunity.waiting = True
                waiting -= 1
            elif stage < SIGNED:
                opportunity.overdue = rng.random() < salesperson.habits.overdue_rate
            opportunities.append(opportunity)
    return opportunities


def evidence_text(opp, method, words, first):
    """The excerpt a salesperson attaches to prove a touch: chat, call log, e-mail or check-in."""
    customer, contact, sales = opp.customer, opp.customer.contact, opp.user.name
    if method == "wechat":
        opening = (
            f"{contact.honor}您好，我是负责{customer.city}区域的{sales}，想跟您了解一下{opp.product}的需求。"
            if first
            else f"{contact.honor}，上次说的事情有进展吗？"
        )
        return (
            f"微信聊天记录（摘录）\n对象：{contact.name}（{customer.short} {contact.function}）\n"
            f"{sales}：{opening}\n{contact.name}：{words}\n{sales}：好的，收到，我整理一下尽快回复您。\n"
        )
    if method == "phone":
        masked = contact.mobile[:3] + "****" + contact.mobile[-4:]
        return (
            f"通话记录\n呼出号码：{masked}\n通话时长：{rng.randint(1, 12)}分{rng.randint(0, 59):02d}秒\n"
            f"客户：{contact.name}（{customer.short}）\n客户原话：{words}\n"
        )
    if method == "email":
        return (
            f"邮件往来（摘录）\n发件人：{contact.email}\n收件人：{opp.user.login}\n"
            f"主题：关于{opp.product}的询价\n正文：{words}\n"
        )
    return (
        f"外勤签到记录\n签到人：{sales}\n地点：{customer.name}（{customer.street}）\n"
        f"见面人：{contact.name} {contact.function}\n客户原话：{words}\n"
    )


class Story:
    """Plans an opportunity's events on relative days, day 0 being the day it came in."""

    def __init__(self, opportunity, summaries):
        self.opp = opportunity
        self.habits = opportunity.user.habits
        self.summaries = summaries  # per salesperson: normalized summaries used so far
        self.day = 0
        self.events = []
        self.touches = 0
        self.visits = 0

    # -- building blocks -------------------------------------------------

    def wait(self, low, high):
        self.day += rng.randint(low, high)

    def add(self, event):
        event.rel, event.seq = self.day, len(self.events)
        self.events.append(event)
        return event

    def touch(self, words=None, first=False, method=None, signal=""):
        self.touches += 1
        method = method or rng.choices(["wechat", "phone", "email", "onsite"], [40, 35, 15, 10])[0]
        words = self.opp.fill(words or rng.choice(FIRST_WORDS if first else FOLLOW_WORDS))
        customer = self.opp.customer
        return self.add(
            Touch(
                number=self.touches,
                method=method,
                words=words,
                first=first,
                signal=signal,
                evidence_name=f"{METHOD_LABELS[method]}_{customer.short}_{self.touches}.txt",
                evidence_text=evidence_text(self.opp, method, words, first),
            )
        )

    def _summary(self, category):
        """A pain point this salesperson has not written before (the add-on refuses repeats)."""
        used = self.summaries.setdefault(self.opp.user.key, set())
        lazy = self.opp.user.persona == "lazy"
        for _attempt in range(200):
            if lazy:
                summary = rng.choice(LAZY_SUMMARIES)
            else:
                summary = self.opp.fill(rng.choice(PAIN_TEMPLATES[category]))
            key = text_quality.normalize(summary)
            if key not in used:
                used.add(key)
                assert text_quality.is_substantial(summary), summary
                return summary
        raise RuntimeError(f"out of distinct pain points for {self.opp.user.name}")

    def visit(self, action=None, state="submitted"):
        opp = self.opp
        self.visits += 1
        lazy = opp.user.persona == "lazy"
        categories = [c for c in PAIN_CATEGORIES if c != "local_marketing" or opp.customer.industry == "G"]
        category = rng.choice(categories)
        if action is None:
            if lazy:
                action = rng.choices(["other", "arrange_demo", "provide_samples"], [3, 2, 1])[0]
            else:
                action = rng.choice(["arrange_demo", "provide_samples", "other", "send_proposal"])
        note = ""
        if action == "other":
            note = rng.choice(LAZY_NOTES) if lazy else opp.fill(rng.choice(OTHER_ACTIONS))
        visit = Visit(
            number=self.visits,
            state=state,
            category=category,
            summary=self._summary(category),
            value=rng.choice(LAZY_VALUE_POINTS if lazy else VALUE_POINTS[category]),
            action=action,
            note=note,
            followup_gap=rng.randint(3, 10) if lazy else rng.randint(2, 7),
            channel=rng.choice(["phone", "wechat", "onsite", "email", "video"]),
        )
        assert len(visit.value) <= VALUE_POINT_MAX_CHARS, visit.value
        return self.add(visit)

    def complete(self, visit, on_time=None):
        """Mark the visit's agreed action done (needed for a gate: placed in the story)."""
        if on_time is None:
            on_time = rng.random() < self.habits.on_time_rate
        gap = rng.randint(0, visit.followup_gap) if on_time else visit.followup_gap + rng.randint(1, 4)
        self.day = max(self.day, visit.rel + gap)
        done = self.add(ActionDone(visit=visit, feedback=self.opp.fill(rng.choice(FEEDBACK[visit.action]))))
        visit.done = done
        return done

    def move(self, stage):
        return self.add(StageMove(stage=stage))

    def document(self, kind):
        opp, customer = self.opp, self.opp.customer
        if kind == "proposal":
            name = f"供货方案_{customer.short}_{opp.project}.txt"
            text = (
                f"{opp.product}供货方案（摘要）\n客户：{customer.name}\n项目：{opp.project}\n"
                f"一、推荐产品：{opp.product}\n二、供货方式：按工期分批送货，苏州、无锡两仓备货\n"
                f"三、技术服务：首批施工技术员驻场指导\n四、下一步：确认用量后出正式报价\n"
            )
        else:
            name = f"报价单_{customer.short}_{opp.project}.txt"
            text = (
                f"报价单\n客户：{customer.name}\n项目：{opp.project}\n品名：{opp.product}\n"
                f"合计：{opp.revenue:,} 元（含13%增值税）\n付款方式：月结60天\n报价有效期：30天\n"
            )
        return self.add(Document(kind=kind, name=name, text=text))

    # -- the story by stage ------------------------------------------------

    def plan(self):
        opp, habits = self.opp, self.habits
        if opp.waiting:
            return self.events
        # first touch, within the 48 h SLA or not
        self.wait(*((3, 4) if rng.random() < habits.late_touch_rate else (0, 1)))
        self.touch(first=True)
        if opp.stage == LEAD:
            if rng.random() < 0.4:
                self.wait(1, 3)
                self.touch()
            return self.events
        self.wait(0, 1)
        self.move(VISIT)
        if rng.random() < 0.5:
            self.wait(1, 4)
            self.touch()
        if opp.stage == VISIT:
            self._plan_visit_stage()
            return self.events
        first = self._visits_until("send_proposal" if opp.stage >= QUOTE or rng.random() < 0.6 else None)
        self.move(PROPOSAL)
        if opp.stage == PROPOSAL:
            if rng.random() < 0.5:
                self.wait(1, 4)
                self.touch()
            return self.events
        # Quote: the proposal went out, by the agreed action or as an attached document
        if rng.random() < 0.8:
            self.complete(first)
        else:
            self.wait(1, 4)
            self.document("proposal")
        self.wait(0, 2)
        self.move(QUOTE)
        if opp.stage == QUOTE:
            self.wait(2, 6)
            if rng.random() < 0.5:
                self.visit(action="send_quote")
            elif rng.random() < 0.6:
                self.touch(words=SECOND_QUOTE_WORDS, signal="second_quote")
            else:
                self.touch()
            return self.events
        # Signed: the quote went out, then the contract
        self.wait(3, 8)
        if rng.random() < 0.5:
            self.touch()
            self.wait(1, 3)
        negotiation = self.visit(action="send_quote")
        if rng.random() < 0.75:
            self.complete(negotiation)
        else:
            self.wait(1, 3)
            self.document("quote")
        self.wait(1, 5)
        self.move(SIGNED)
        self.add(SignedReminders())
        if rng.random() < 0.5:
            self.wait(0, 2)
            self.touch(words=WON_WORDS[0])
        elif rng.random() < 0.6:
            self.wait(1, 5)
            self.touch(words=DELIVERY_QUESTION_WORDS, signal="delivery_question")
        if opp.stage == SIGNED:
            return self.events
        self.wait(3, 10)
        self.add(ClosedReminders(kinds=["delivery", "invoice"]))
        self.move(DELIVERY)
        self.wait(1, 6)
        self.touch(words=rng.choice(WON_WORDS[1:]))
        return self.events

    def _visits_until(self, last_action):
        """The visits before the opportunity moves on: one, or several for the lazy."""
        low, high = self.habits.visits
        for _i in range(rng.randint(low, high) - 1):
            self.wait(1, 4)
            self.visit()
            self.wait(2, 6)
        self.wait(1, 5)
        return self.visit(action=last_action)

    def _plan_visit_stage(self):
        if self.opp.user.persona == "lazy":  # visits, and visits, and visits
            self._visits_until(None)
            return
        variant = rng.choices(["draft", "submitted", "touches"], [35, 40, 25])[0]
        if variant == "submitted":
            self.wait(1, 5)
            self.visit()
        elif variant == "touches":
            self.wait(2, 5)
            self.touch()
        else:
            self.wait(1, 3)
            self.touch()
            self.visits += 1
            self.add(Visit(number=self.visits, state="draft", category=rng.choice(PAIN_CATEGORIES[:5])))


def place(opp):
    """Fix the story in the last three months: when the opportunity came in, and
    so when everything else happened, so that its last follow-up is fresh, or
    more than three days old for the overdue ones."""
    events = opp.events
    if opp.waiting:
        opp.created = Moment(4, 9 * 60 + 40) if opp.user.persona == "slow" else HoursAgo(rng.choice([3, 20]))
        return
    followups = [e for e in events if e.is_followup]
    last = max(e.rel for e in events)
    last_followup = followups[-1].rel
    if opp.stage >= SIGNED:
        end = rng.randint(1, 20) if opp.stage == SIGNED else rng.randint(3, 35)
        age = end + last
    elif opp.overdue:
        age = max(rng.randint(5, 21) + last_followup, 1 + last)
    else:
        age = rng.randint(1, 2) + last  # the last event is a follow-up (see fresh_ending)
    if age > MAX_AGE_DAYS:  # squeeze the story into three months
        end = age - last
        for event in events:
            event.rel = event.rel * (MAX_AGE_DAYS - end) // last
        age = MAX_AGE_DAYS
    opp.created = Moment(age)
    for event in events:
        event.at = Moment(age - event.rel)


def fresh_ending(story):
    """A fresh opportunity ends on a follow-up: the salesperson checked in lately."""
    if story.opp.overdue or story.opp.waiting or story.opp.stage >= SIGNED:
        return
    if not story.events[-1].is_followup:
        story.wait(0, 1)
        story.touch()


def settle_agreed_actions(opp):
    """Once placed: the agreed actions that came due were done, or not, as the
    salesperson's habits go; a few were done before they were even due."""
    habits = opp.user.habits
    for visit in [e for e in opp.events if isinstance(e, Visit) and e.state == "submitted"]:
        visit.followup = Moment(visit.at.days - visit.followup_gap, rng.choice([10, 14, 15, 16]) * 60)
        if visit.done:
            continue
        due = visit.followup.days >= 1
        if due and rng.random() < habits.done_rate:
            on_time = rng.random() < habits.on_time_rate or visit.followup.days < 2
            day = (
                rng.randint(visit.followup.days, visit.at.days)
                if on_time
                else rng.randint(1, visit.followup.days - 1)
            )
        elif not due and visit.at.days >= 2 and rng.random() < habits.early_rate:
            day = rng.randint(1, visit.at.days - 1)
        else:
            continue
        feedback = opp.fill(rng.choice(FEEDBACK[visit.action]))
        visit.done = ActionDone(visit=visit, feedback=feedback, seq=visit.seq + 0.5, at=Moment(day))
        opp.events.append(visit.done)


def set_times(opp):
    """Order the events and give them times of day, in working hours."""
    for event in opp.events:
        if isinstance(event, Visit) and event.state == "draft":
            event.at = Moment(-rng.randint(1, 5))  # planned
    opp.events.sort(key=lambda e: (-e.at.days, e.seq))
    day, minute = None, 0
    if isinstance(opp.created, Moment):
        day, minute = opp.created.days, rng.randint(9 * 60, 10 * 60 + 30)
        opp.created = Moment(day, minute)
    for event in opp.events:
        if event.at.days != day:
            day, minute = event.at.days, rng.randint(9 * 60, 10 * 60 + 30)
        else:
            minute = min(minute + rng.randint(20, 70), 18 * 60 + 30)
        event.at = Moment(day, minute)
    # a visit is submitted after it ends, before whatever it made possible that day
    for event, following in pairwise([*opp.events, None]):
        if isinstance(event, Visit) and event.state == "submitted":
            room = 240
            if following and following.at.days == event.at.days:
                room = following.at.minute - event.at.minute - 1
            event.submitted = event.at.later(rng.randint(min(15, room), room))


def plan_all(opportunities):
    summaries = {}
    for opp in opportunities:
        story = Story(opp, summaries)
        story.plan()
        fresh_ending(story)
        opp.events = story.events
        place(opp)
        settle_agreed_actions(opp)
        set_times(opp)
        check(opp)


def check(opp):
    """What the add-on will verify anyway, checked here to fail early and clearly."""
    past = [e for e in opp.events if not (isinstance(e, Visit) and e.state == "draft")]
    assert all(e.at.days >= 1 for e in past), opp.key
    if isinstance(opp.created, Moment):
        assert opp.created.days <= MAX_AGE_DAYS, opp.key
        assert all(e.at.key() > opp.created.key() for e in past), opp.key
    followups = [e.at.days for e in past if e.is_followup]
    if opp.stage < SIGNED and followups:
        assert (min(followups) > 3) == opp.overdue, (opp.key, min(followups), opp.overdue)
    for event, following in pairwise([*past, None]):
        if isinstance(event, Visit) and following:
            assert event.submitted.key() < following.at.key(), opp.key
        if isinstance(event, ActionDone):
            assert event.at.key() > event.visit.at.key(), opp.key
        if isinstance(event, Visit):
            assert event.followup.key() > event.at.key(), opp.key


# ============================================================================
# XML
# ============================================================================


def attr(value):
    return escape(str(value), {'"': "&quot;"})


class XmlFile:
    def __init__(self, intro, context=None):
        root = f'<odoo context="{attr(context)}">' if context else "<odoo>"
        self.lines = ['<?xml version="1.0" encoding="utf-8"?>', root, "    <!--"]
        self.lines.extend(f"        {line}" if line else "" for line in intro.strip().splitlines())
        self.lines += ["    -->", ""]
        self.pad = "    "

    def begin(self, tag, attrs):
        self.lines.append(f"{self.pad}<{tag} {attrs}>")
        self.pad += "    "

    def end(self, tag):
        self.pad = self.pad[:-4]
        self.lines.append(f"{self.pad}</{tag}>")

    def comment(self, text):
        self.lines.append(f"{self.pad}<!-- {escape(text.replace('--', '—'))} -->")

    def blank(self):
        self.lines.append("")

    def record(self, xmlid, model, fields, context=None):
        ctx = f' context="{attr(context)}"' if context else ""
        self.lines.append(f'{self.pad}<record id="{xmlid}" model="{model}"{ctx}>')
        self.lines.extend(f"{self.pad}    {f}" for f in fields)
        self.lines.append(f"{self.pad}</record>")

    def function(self, model, name, eval_=None, uid=None, children=()):
        attrs = f'model="{model}" name="{name}"'
        if uid:
            attrs += f' uid="{uid}"'
        if eval_ is not None:
            attrs += f' eval="{attr(eval_)}"'
        if not children:
            self.lines.append(f"{self.pad}<function {attrs}/>")
            return
        self.lines.append(f"{self.pad}<function {attrs}>")
        self.lines.extend(f"{self.pad}    {c}" for c in children)
        self.lines.append(f"{self.pad}</function>")

    def write(self, path):
        path.write_text("\n".join([*self.lines, "</odoo>", ""]), encoding="utf-8")


def text(name, value):
    return f'<field name="{name}">{escape(str(value))}</field>'


def ref(name, xmlid):
    return f'<field name="{name}" ref="{xmlid}"/>'


def ev(name, expr):
    return f'<field name="{name}" eval="{attr(expr)}"/>'


def refs(name, xmlids):
    return ev(name, "[Command.set([" + ", ".join(f"ref('{x}')" for x in xmlids) + "])]")


def when(name, moment, plus_hours=0):
    if isinstance(moment, HoursAgo):
        return ev(name, moment.datetime_expr(plus_hours))
    if plus_hours:
        moment = Moment(moment.days - plus_hours // 24, moment.minute)
    return ev(name, moment.datetime_expr())


# -- the company ------------------------------------------------------------

# The demo's other files load in the team's language, as the team would work:
# what the server writes meanwhile (chatter, activities) is in Chinese.
IN_LANG = {"lang": LANG}


def write_company(path):
    xml = XmlFile(
        """
Where and how the demo company works: in Shanghai, in yuan, in Chinese.
Its days are Shanghai days (crm.anchor.analysis._tz reads the company's
address). Its amounts are in yuan: a fresh database has no journal items yet,
which would forbid changing the currency.
Chinese is installed before the team is created: a user's language must be
installed, and what the server writes for someone is written in their
language. The translations of the installed modules come with it, then this
add-on's, which Odoo would load only after its demo data. Also when a demo
database of an earlier version is upgraded, which loads the new demo records:
Odoo runs the functions of a demo file at install only, unless noupdate="0".
"""
    )
    xml.record("base.main_partner", "res.partner", [text("tz", "Asia/Shanghai")])
    xml.record(CURRENCY, "res.currency", [ev("active", "True")])
    xml.record("base.main_company", "res.company", [ref("currency_id", CURRENCY)])
    xml.blank()
    xml.begin("data", 'noupdate="0"')
    # overwrite=False: a database's own translations stay as they are.
    install = f"[{{'lang_ids': [Command.set([ref('base.lang_{LANG}')])], 'overwrite': False}}]"
    xml.function(
        "base.language.install",
        "lang_install",
        children=[f'<function model="base.language.install" name="create" eval="{attr(install)}"/>'],
    )
    this_addon = "[[('name', '=', 'sales_action_anchor')]]"
    xml.function(
        "ir.module.module",
        "_update_translations",
        children=[
            f'<function model="ir.module.module" name="search" eval="{attr(this_addon)}"/>',
            f'<value eval="{attr([LANG])}"/>',
        ],
    )
    xml.end("data")
    xml.write(path)


# -- users ----------------------------------------------------------------


def write_users(path):
    xml = XmlFile(
        """
The East China sales team: eight salespeople and their manager, who leads the
anchor team. Chinese, inbox notifications, Shanghai time. Password: demo.
""",
        IN_LANG,
    )
    for person, groups in [(MANAGER, "sales_team.group_sale_manager")] + [
        (s, "sales_team.group_sale_salesman") for s in SALESPEOPLE
    ]:
        xml.record(
            person.xmlid,
            "res.users",
            [
                text("name", person.name),
                text("login", person.login),
                text("email", person.login),
                text("password", "demo"),
                text("lang", LANG),
                text("tz", "Asia/Shanghai"),
                refs("groups_id", [groups, "mail.group_mail_notification_type_inbox"]),
                text("notification_type", "inbox"),
            ],
        )
    xml.blank()
    xml.comment(
        "The manager leads the anchor team; all are members of it only, so it is their default team"
        " and CRM's My Pipeline opens on its six stages."
    )
    xml.record("crm_team_anchor", "crm.team", [ref("user_id", MANAGER.xmlid)])
    for person in (*SALESPEOPLE, MANAGER):
        joined = JOINED_DAYS_AGO.get(person.key, 730)
        xml.record(
            f"crm_team_member_{person.key}",
            "crm.team.member",
            [
                ref("crm_team_id", "crm_team_anchor"),
                ref("user_id", person.xmlid),
                ev(
                    "anchor_date_joined",
                    f"(DateTime.today() - relativedelta(days={joined})).strftime('%Y-%m-%d')",
                ),
                ev("anchor_pilot", str(person.key in PILOT_GROUP)),
            ],
        )
    xml.write(path)


# -- customers ------------------------------------------------------------


def write_partners(path, customers):
    xml = XmlFile(
        """
Customers of the East China team: contractors, developers, factories, dealers
and utilities, eight per salesperson in their territory, each with the person
the salesperson deals with. They speak Chinese.
""",
        IN_LANG,
    )
    for customer in customers:
        state = CITIES[customer.city][0]
        xml.record(
            customer.xmlid,
            "res.partner",
            [
                text("name", customer.name),
                ev("is_company", "True"),
                text("street", customer.street),
                text("city", customer.city),
                text("zip", customer.zip),
                ref("state_id", state),
                ref("country_id", "base.cn"),
                text("phone", customer.phone),
                text("email", customer.email),
                text("website", customer.website),
                text("lang", LANG),
                ref("industry_id", f"base.res_partner_industry_{customer.industry}"),
                ref("user_id", customer.salesperson.xmlid),
            ],
        )
        contact = customer.contact
        xml.record(
            f"partner_{contact.key}",
            "res.partner",
            [
                text("name", contact.name),
                ref("parent_id", customer.xmlid),
                text("function", contact.function),
                text("mobile", contact.mobile),
                text("email", contact.email),
                text("lang", LANG),
            ],
        )
    xml.write(path)


# -- opportunities ----------------------------------------------------------

TAGS = {f"tag_{line}": label for line, (label, _products) in PRODUCT_LINES.items()}
TAGS.update({"tag_project": "项目制", "tag_framework": "年度框架", "tag_returning": "老客户"})


def write_leads(path, opportunities):
    xml = XmlFile(
        """
The opportunities, created in the Lead stage over the last three months. The
pipeline file brings each one to its stage through real evidence.
History: the add-on starts the first-touch SLA when a lead is created, i.e. at
load time; each lead's deadline is set back to 48 hours after it really came in.
Amounts are in yuan (res_company_demo.xml).
""",
        IN_LANG,
    )
    for xmlid, label in TAGS.items():
        xml.record(xmlid, "crm.tag", [text("name", label)])
    xml.blank()
    for opp in opportunities:
        contact = opp.customer.contact
        fields = [
            text("name", opp.name),
            text("type", "opportunity"),
            ref("team_id", "crm_team_anchor"),
            ref("stage_id", "stage_anchor_lead"),
            ref("user_id", opp.user.xmlid),
            ref("partner_id", opp.customer.xmlid),
            text("contact_name", contact.name),
            text("function", contact.function),
            text("expected_revenue", opp.revenue),
            text("priority", opp.priority),
            refs("tag_ids", opp.tags),
        ]
        if opp.stage < SIGNED:
            fields.append(ev("date_deadline", Moment(-rng.randint(10, 60)).date_expr()))
        fields += [
            f'<field name="description" type="html"><p>来源：{escape(opp.source)}</p></field>',
            when("create_date", opp.created),
        ]
        xml.comment(f"{opp.user.name} · target stage {STAGE_NAMES[opp.stage]} · came in {opp.created}")
        xml.record(opp.xmlid, "crm.lead", fields)
        xml.record(
            opp.xmlid,
            "crm.lead",
            [
                when("date_open", opp.created),
                when("date_last_stage_update", opp.created),
                when("date_first_touch_deadline", opp.created, plus_hours=SLA_HOURS),
            ],
        )
    xml.write(path)


# -- the pipeline -------------------------------------------------------------

ACTION_LABELS = {
    "send_proposal": "send proposal",
    "send_quote": "send quote",
    "arrange_demo": "arrange demo",
    "provide_samples": "provide samples",
    "other": "other",
}
REMINDER_TYPES = {
    "delivery": ("mail_activity_type_anchor_delivery", "已和工地确认送货时间，分两批送达。"),
    "invoice": ("mail_activity_type_anchor_invoice", "增值税专用发票已开具并寄出。"),
    "payment": ("mail_activity_type_anchor_payment", "货款已到账。"),
}


def multiline(name, value):
    """A field whose text keeps its line breaks (no indentation inside)."""
    return f'<field name="{name}">{escape(value.rstrip())}</field>'


def write_touch(xml, opp, touch):
    xmlid = f"{opp.key}_touch_{touch.number}"
    label = "first touch" if touch.first else "touch"
    xml.comment(f"{touch.at} {label} by {touch.method}")
    xml.record(
        f"{xmlid}_evidence",
        "ir.attachment",
        [
            text("name", touch.evidence_name),
            text("res_model", "crm.lead"),
            ref("res_id", opp.xmlid),
            text("mimetype", "text/plain"),
            multiline("raw", touch.evidence_text),
        ],
    )
    xml.record(
        xmlid,
        "crm.anchor.touch",
        [
            ref("lead_id", opp.xmlid),
            ref("user_id", opp.user.xmlid),
            when("date", touch.at),
            text("method", touch.method),
            text("customer_words", touch.words),
            refs("evidence_attachment_ids", [f"{xmlid}_evidence"]),
            *([refs("signal_ids", [f"signal_{touch.signal}"])] if touch.signal else []),
            text("state", "done"),
        ],
    )


def write_visit(xml, opp, visit):
    xmlid = f"{opp.key}_visit_{visit.number}"
    fields = [
        ref("lead_id", opp.xmlid),
        ref("user_id", opp.user.xmlid),
        when("date_visit", visit.at),
        ref("pain_category_id", f"pain_category_{visit.category}"),
    ]
    if visit.state == "draft":
        xml.comment(f"{visit.at} visit planned (draft)")
        xml.record(xmlid, "crm.anchor.visit", fields)
        return
    action = ACTION_LABELS[visit.action]
    xml.comment(f"{visit.at} visit, agreed: {action}, follow-up {visit.followup} by {visit.channel}")
    fields += [
        text("pain_summary", visit.summary),
        text("value_point", visit.value),
        text("agreed_action", visit.action),
    ]
    if visit.note:
        fields.append(text("agreed_action_note", visit.note))
    fields += [
        when("date_next_followup", visit.followup),
        text("followup_channel", visit.channel),
        text("state", "submitted"),
        when("date_submitted", visit.submitted),
    ]
    xml.record(xmlid, "crm.anchor.visit", fields)


def write_action_done(xml, opp, done):
    visit_xmlid = f"{opp.key}_visit_{done.visit.number}"
    timing = "on time" if done.on_time else "late"
    activity_of_visit = f"[[ref('{visit_xmlid}')], 'activity_id.id']"
    xml.comment(f"{done.at} agreed action of visit {done.visit.number} done, {timing}")
    xml.function(
        "mail.activity",
        "action_feedback",
        uid=opp.user.xmlid,
        children=[
            # the id of the activity the visit's submission created
            f'<function model="crm.anchor.visit" name="mapped" eval="{attr(activity_of_visit)}"/>',
            f'<value name="feedback">{escape(done.feedback)}</value>',
        ],
    )
    xml.record(
        visit_xmlid,
        "crm.anchor.visit",
        [when("date_action_done", done.at), ev("action_done_on_time", str(done.on_time))],
    )


def write_document(xml, opp, document):
    xmlid = f"{opp.key}_{document.kind}_document"
    xml.comment(f"{document.at} {document.kind} document attached")
    xml.record(
        xmlid,
        "ir.attachment",
        [
            text("name", document.name),
            text("res_model", "crm.lead"),
            ref("res_id", opp.xmlid),
            text("mimetype", "text/plain"),
            multiline("raw", document.text),
        ],
    )
    xml.record(
        opp.xmlid,
        "crm.lead",
        [ev(f"anchor_{document.kind}_attachment_ids", f"[Command.link(ref('{xmlid}'))]")],
    )


def write_closed_reminders(xml, opp, event, signed_days):
    kinds = list(event.kinds) + (["payment"] if signed_days > 35 else [])
    types = ", ".join(f"ref('{REMINDER_TYPES[k][0]}')" for k in kinds)
    domain = (
        f"[[('res_model', '=', 'crm.lead'), ('res_id', '=', ref('{opp.xmlid}')),"
        f" ('activity_type_id', 'in', [{types}])]]"
    )
    xml.comment(f"{event.at} follow-through done: {', '.join(kinds)}")
    xml.function(
        "mail.activity",
        "action_feedback",
        uid=opp.user.xmlid,
        children=[
            f'<function model="mail.activity" name="search" eval="{attr(domain)}"/>',
            f'<value name="feedback">{escape("".join(REMINDER_TYPES[k][1] for k in kinds))}</value>',
        ],
    )


def write_history(xml, opp):
    """Facts the add-on stamps with the time they are recorded (the load time):
    set back to when they happened."""
    first = {}
    for event in opp.events:
        if isinstance(event, ActionDone) and event.visit.action in ("send_proposal", "send_quote"):
            first.setdefault(event.visit.action.replace("send_", "date_") + "_sent", event.at)
        elif isinstance(event, Document):
            first.setdefault(f"date_{event.kind}_sent", event.at)
        elif isinstance(event, StageMove):
            first["date_last_stage_update"] = event.at
            if event.stage == SIGNED:
                first["date_signed"] = first["date_closed"] = event.at
    if not first:
        return
    xml.comment("history: when these facts really happened (the add-on stamps them at load time)")
    fields = [when(name, moment) for name, moment in sorted(first.items())]
    if opp.stage >= SIGNED:
        fields.append(ev("date_deadline", first["date_signed"].date_expr()))
    xml.record(opp.xmlid, "crm.lead", fields)


def write_pipeline(path, opportunities):
    xml = XmlFile(
        """
Each opportunity's story, in the order it happened: touches with their evidence,
visits, agreed actions marked done, documents, and the stage moves they allow.
Stages are written after their evidence exists, so the stage gates really check it.
Data files load as the superuser, which records history: a visit's next follow-up
must be after the visit (not after today), a touch is logged on its own date.
Base automations are not active while a module installs: what they would do on
entering Signed (the follow-through reminders) is called here directly.
""",
        IN_LANG,
    )
    for opp in opportunities:
        xml.blank()
        xml.comment(f"===== {opp.key} {opp.name} · {opp.user.name} · {STAGE_NAMES[opp.stage]} =====")
        if opp.waiting:
            xml.comment("waiting for its first touch")
        signed_days = 0
        for event in opp.events:
            if isinstance(event, Touch):
                write_touch(xml, opp, event)
            elif isinstance(event, Visit):
                write_visit(xml, opp, event)
            elif isinstance(event, ActionDone):
                write_action_done(xml, opp, event)
            elif isinstance(event, Document):
                write_document(xml, opp, event)
            elif isinstance(event, StageMove):
                xml.comment(f"{event.at} moved to {STAGE_NAMES[event.stage]}")
                xml.record(
                    opp.xmlid, "crm.lead", [ref("stage_id", f"stage_anchor_{STAGE_CODES[event.stage]}")]
                )
                if event.stage == SIGNED:
                    signed_days = event.at.days
            elif isinstance(event, SignedReminders):
                xml.comment("what automation_enter_signed does: delivery, invoice and payment reminders")
                xml.function("crm.lead", "_anchor_on_enter_signed", eval_=f"[[ref('{opp.xmlid}')]]")
            elif isinstance(event, ClosedReminders):
                write_closed_reminders(xml, opp, event, signed_days)
        write_history(xml, opp)
    xml.write(path)


# -- activities ---------------------------------------------------------------


def write_activities(path, opportunities):
    xml = XmlFile(
        """
To-dos the salespeople planned themselves on open opportunities, besides the
agreed actions that submitted visits create.
Then what the add-on's hourly jobs would have done by now: flag the leads past
their first-touch deadline and the opportunities without follow-up for too long.
""",
        IN_LANG,
    )
    open_ones = [o for o in opportunities if VISIT <= o.stage <= QUOTE and not o.overdue]
    for number, opp in enumerate(rng.sample(open_ones, 18), start=1):
        activity_type, summary = rng.choice(PLANNED_ACTIVITIES)
        xml.record(
            f"mail_activity_planned_{number:02d}",
            "mail.activity",
            [
                ref("res_model_id", "crm.model_crm_lead"),
                ref("res_id", opp.xmlid),
                ref("activity_type_id", activity_type),
                text("summary", opp.fill(summary)),
                ev("date_deadline", Moment(-rng.randint(1, 7)).date_expr()),
                ref("user_id", opp.user.xmlid),
            ],
        )
    xml.blank()
    xml.comment("a call due today for each salesperson: their mobile page opens on something to do")
    for person in SALESPEOPLE:
        opp = next(o for o in open_ones if o.user is person)
        xml.record(
            f"mail_activity_due_today_{person.key}",
            "mail.activity",
            [
                ref("res_model_id", "crm.model_crm_lead"),
                ref("res_id", opp.xmlid),
                ref("activity_type_id", "mail.mail_activity_data_call"),
                text("summary", opp.fill("跟{honor}确认下批送货时间")),
                ev("date_deadline", Moment(0).date_expr()),
                ref("user_id", person.xmlid),
            ],
        )
    xml.blank()
    xml.comment("what ir_cron_anchor_first_touch_sla and ir_cron_anchor_overdue would have done by now")
    xml.function("crm.lead", "_anchor_sync_first_touch_sla", eval_="[]")
    xml.function("crm.lead", "_anchor_sync_overdue", eval_="[]")
    xml.comment("what the check-in and template-mining jobs would have done by now")
    xml.function("crm.anchor.checkin", "_cron_anchor_checkins", eval_="[]")
    xml.function("crm.anchor.template", "_cron_anchor_mine_templates", eval_="[]")
    xml.write(path)


# ============================================================================
# Main
# ============================================================================

FILES = [
    "res_company_demo.xml",
    "res_users_demo.xml",
    "res_partner_demo.xml",
    "crm_lead_demo.xml",
    "crm_anchor_pipeline_demo.xml",
    "mail_activity_demo.xml",
]


def summary(opportunities):
    visits = [e for o in opportunities for e in o.events if isinstance(e, Visit)]
    lines = [f"{len(opportunities)} opportunities, {len(visits)} visits"]
    for index, name in enumerate(STAGE_NAMES):
        lines.append(f"  {name:9} {sum(o.stage == index for o in opportunities)}")
    for person in SALESPEOPLE:
        mine = [e for o in opportunities if o.user is person for e in o.events if isinstance(e, Visit)]
        submitted = [v for v in mine if v.state == "submitted"]
        due = [v for v in submitted if v.followup.days >= 1]
        done = [v for v in submitted if v.done]
        on_time = [v for v in done if v.done.on_time]
        avg = sum(text_quality.cjk_char_count(v.summary) for v in submitted) / max(len(submitted), 1)
        lines.append(
            f"  {person.name:4} visits {len(mine):3} (submitted {len(submitted):3}, summary {avg:4.1f} chars)"
            f"  actions due {len(due):3} done {len(done):3} on time {len(on_time):3}"
            f"  overdue opps {sum(o.overdue for o in opportunities if o.user is person)}"
        )
    return "\n".join(lines)


def write_all(directory):
    customers = make_customers()
    opportunities = make_opportunities(customers)
    plan_all(opportunities)
    directory.mkdir(exist_ok=True)
    write_company(directory / FILES[0])
    write_users(directory / FILES[1])
    write_partners(directory / FILES[2], customers)
    write_leads(directory / FILES[3], opportunities)
    write_pipeline(directory / FILES[4], opportunities)
    write_activities(directory / FILES[5], opportunities)
    return opportunities


def demo_is_current():
    """Whether the demo files are byte for byte what this script writes; names those that are not."""
    with tempfile.TemporaryDirectory() as fresh:
        write_all(Path(fresh))
        differ = [
            name
            for name in FILES
            if not (DEMO_DIR / name).exists()
            or not filecmp.cmp(Path(fresh) / name, DEMO_DIR / name, shallow=False)
        ]
    for name in differ:
        print(f"demo/{name} differs from what tools/generate_demo.py writes: run it and commit the result")
    return not differ


def main(argv):
    if argv == ["--check"]:
        return 0 if demo_is_current() else 1
    if argv:
        print(__doc__)
        return 2
    print(summary(write_all(DEMO_DIR)))
    print("written:", ", ".join(f"demo/{name}" for name in FILES))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
