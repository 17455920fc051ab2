"""What a salesperson writes in a visit report: the customer's pain point (by
category, in Chinese and in English, with the details a diligent one adds), the
value offered, the other agreed actions, and the feedback when an agreed
action is done. ``{product} {project} {honor} {n} {days}`` are filled per visit."""

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
