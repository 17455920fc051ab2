"""What customers say on a touch (the first one, the follow-ups, at the end of
a deal), the salesperson's morning needs, and the salesperson's own to-dos."""

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

# How an opportunity ends: the customer's words on the last call.
LOST_WORDS = [
    "这次我们选了另一家，价格差得有点多，下次有机会再合作。",
    "项目暂停了，今年不采购了。",
    "老板定了用原来的供应商，不好意思。",
    "预算没批下来，先不做了。",
]
WON_CALL_WORDS = "合同已经盖章寄回了，第一批货下周一送到工地。"

MORNING_NEEDS = [
    "确认{product}交期", "{honor}要年度框架价", "送样品去{project}", "{project}验收资料",
    "对账开票", "{product}报价复核", "约{honor}看仓库", "技术员现场指导", "催回款",
    "{project}追加{product}", "安排{product}送货", "提交检测报告", "{honor}要再报一版价",
]  # fmt: skip

PLANNED_ACTIVITIES = [
    ("mail.mail_activity_data_call", "电话确认样品试用结果"),
    ("mail.mail_activity_data_call", "跟{honor}确认下批送货时间"),
    ("mail.mail_activity_data_meeting", "约{honor}面谈年度框架"),
    ("mail.mail_activity_data_todo", "报价前和技术部核对规格"),
    ("mail.mail_activity_data_email", "把检测报告和资质文件发给{honor}"),
]
