"""Word lists of the quick-note parser (``lib/quick_note``).

Plain data, Chinese and English side by side: what salespeople say for each
agreed action and follow-up channel, the words that introduce the customer's
problem or the value offered, and the words that make a clause a complaint.
Patterns are regular-expression sources, matched case-insensitively on the
NFKC-normalised note (full-width punctuation and letters already folded).
"""

# Chinese numerals as said in dates and times: 十点半, 十二月三号, 两周后.
CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_NUM = "零〇一二两三四五六七八九十"
# English number words for "in two weeks", "in a couple of days".
EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple": 2,
    "a couple": 2,
    "a couple of": 2,
    "couple of": 2,
    "few": 3,
    "a few": 3,
}

# Monday = 0, as datetime.weekday().
ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
EN_WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "weds": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thur": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
EN_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
EN_TOMORROW = r"tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow|tomorrows|2morrow|2moro"

# Parts of the day: the hour used when no clock time is said, and whether a
# clock hour said with it is after noon ("下午3点" = 15:00, "evening 7" = 19:00).
PERIODS = {
    "morning": (9, False),
    "noon": (12, None),  # 中午1点 = 13:00, 中午12点 = 12:00
    "afternoon": (14, True),
    "dusk": (18, True),
    "evening": (19, True),
    "eod": (17, True),
}
ZH_PERIODS = [
    (r"凌晨|早上|早晨|清早|一大早|一早|上午|早间", "morning"),
    (r"中午|午饭|午休|饭点", "noon"),
    (r"下午|午后", "afternoon"),
    (r"傍晚", "dusk"),
    (r"晚上|晚间|夜里|夜间", "evening"),
    (r"下班前|收工前", "eod"),
]
EN_PERIODS = [
    (r"\bmorning\b", "morning"),
    (r"\b(?:noon|midday|lunch\s*time)\b", "noon"),
    (r"\bafternoon\b", "afternoon"),
    (r"\b(?:evening|tonight)\b", "evening"),
    (r"\b(?:eod|cob|end\s+of\s+(?:the\s+)?day|close\s+of\s+business)\b", "eod"),
]

# Agreed actions. Strong patterns name the action; weak ones only hint at it
# (a weak hit is used when no strong one is found near the next step).
ACTIONS = [
    # send_proposal
    (
        "send_proposal",
        True,
        r"(?:发|出|做|写|交|送|带|给|过|讲|改|整理|准备|递|提交|汇报|沟通|聊|谈|讨论|确认|对)[^,，。.;；!?]{0,6}?方案",
    ),
    ("send_proposal", True, r"方案[^,，。.;；!?]{0,4}?(?:发|带|送|给|递|汇报|讲解|过一遍)"),
    (
        "send_proposal",
        True,
        r"\b(?:send|share|present|go\s+(?:through|over)|walk\s+through)\s+(?:the|a|our)\s+(?:plan|deck)\b",
    ),
    ("send_proposal", True, r"建议书|计划书|解决方案书"),
    ("send_proposal", True, r"\b(?:proposal|proposals|propsal|proposel|porposal|propasal|proposition)\b"),
    # arrange_demo
    ("arrange_demo", True, r"演示|展示一下|现场展示|产品展示|demo|\bdemos?\b|\bdemonstrat\w*"),
    (
        "arrange_demo",
        True,
        r"\bshow(?:ing)?\s+(?:him|her|them|the\s+\w+|how|our|you)\b|\bwalk\s*through\s+the\s+(?:app|product|system|platform)\b",
    ),
    ("arrange_demo", True, r"看(?:一下|看)?(?:新版|效果|产品|系统|样板)|参观"),
    ("arrange_demo", False, r"试用|试一下|试试|\btrial\b|\bpilot\b|\bpoc\b"),
    # provide_samples
    ("provide_samples", True, r"送样|寄样|样品|样机|小样|样件|出样|打样|试样"),
    ("provide_samples", True, r"\bsamples?\b|\bswatch(?:es)?\b|\btest\s+units?\b"),
    # send_quote
    ("send_quote", True, r"报价|报个价|报一下价|报个架|价格表|价目表|出个价|给个价|算个价|核价"),
    (
        "send_quote",
        True,
        r"\bquot(?:e|es|ed|ation|ations)\b|\bpricing\b|\bprice\s*(?:list|sheet|quote)s?\b|\bestimate\b",
    ),
    ("send_quote", False, r"价格|价钱|\bprices?\b"),
]

# Follow-up channels, in the words salespeople use.
CHANNELS = [
    (
        "phone",
        r"打电话|电话|电联|致电|通话|打给|\bcall(?:s|ing)?\b(?!\s*cent(?:er|re))|\bphone\b|\bring\s+(?:him|her|them)\b|\btel\b",
    ),
    ("wechat", r"微信|企业微信|企微|v信|\bvx\b|\bwx\b|weixin|we\s?chat"),
    (
        "onsite",
        r"上门|拜访|当面|面谈|见面|现场|登门|到厂|去厂|到店|吃饭|带过去|参观|实地"
        r"|过去(?:给|找|一趟|看|拜访|面谈|做|演示|聊|汇报)|(?:去|到)(?:客户|他们|他那|她那|公司|工厂|厂里|门店|店里|对方|一趟)"
        r"|\bon[\s-]?site\b|\bin[\s-]person\b|\bvisit(?:s|ing)?\b|\bface[\s-]to[\s-]face\b"
        r"|\bdrop(?:ping)?\s+(?:off|by)\b|\b(?:lunch|dinner|coffee)\s+with\b|\bbring(?:ing)?\b"
        r"|\b(?:bring|take)\b[^.,;]{0,40}\bto\s+(?:the|their|his|her)\s+(?:farm|site|store|office|plant|factory|shop|warehouse)\b"
        r"|\bat\s+(?:the|their|his|her)\s+(?:store|office|plant|factory|site|shop|warehouse)\b",
    ),
    ("email", r"邮件|邮箱|电邮|发邮|e-?mail|\bmail\b|\bemial\b|\bemai\b"),
    (
        "video",
        r"视频|线上|网上会议|在线会议|腾讯会议|钉钉会议|飞书会议|远程会议|远程演示"
        r"|\bzoom\b|\bteams\b|\bvideo\b|\bwebex\b|\bgoogle\s+meet\b|\bonline\s+(?:meeting|call|demo|session)\b",
    ),
]

# Words that introduce the customer's problem. "label": the note names it
# ("痛点：", "pain point is"); "strong": the verb says it is a complaint
# ("嫌", "complained"); "weak": only reported speech ("说", "says"), a
# complaint only when a problem word follows.
PAIN_CUES = [
    (
        "label",
        r"痛点(?:是|在于|就是)?|(?:最大的|主要的|核心的?|关键的?)问题(?:是|在于|就是)?|问题(?:是|在于|就是)|难点(?:是|在于)?"
        r"|困扰(?:是|在于)|瓶颈(?:是|在于)|头疼的是|主要是|主要嫌"
        r"|\b(?:the\s+)?(?:main|biggest|key|real|core)?\s*(?:pain(?:\s+point)?|issue|problem|challenge|concern|headache|complaint|worry|struggle|frustration|gripe)s?"
        r"\s*(?:is|are|was|=)\s+(?:that\s+)?"
        r"|\bpain\s*points?\s*(?:是)?",
    ),
    (
        "strong",
        r"嫌弃|嫌|抱怨|吐槽|投诉|反映|反馈|担心|担忧|顾虑|头疼|苦恼|不满意|不满"
        r"|\bcomplain(?:s|ed|ing)?\s+(?:that|about|of)?\s*|\bworried\s+(?:about|that)?\s*|\bconcerned\s+(?:about|that)?\s*"
        r"|\bstruggl(?:es|ed|ing)\s+with\s+|\bfrustrated\s+(?:with|by|about)\s+|\bunhappy\s+(?:with|about)\s+"
        r"|\bannoyed\s+(?:with|by|about)\s+|\bfed\s+up\s+with\s+",
    ),
    (
        "weak",
        r"说|表示|提到|觉得|认为"
        r"|\b(?:says|said|thinks|thought|feels|felt|mentioned|told\s+(?:me|us))\s+(?:that\s+)?",
    ),
]

# A clause that says there is no pain point.
NO_PAIN = (
    r"没(?:提|说|讲|有)?(?:什么|啥|具体)?(?:问题|痛点)|没痛点|无痛点|没啥问题"
    r"|\bno\s+(?:real\s+)?(?:pain(?:\s+points?)?|issues?|problems?|complaints?)\b|\bnothing\s+specific\b"
)


def _words(text):
    """A word list written as one string: easier to read and extend than quoted items."""
    return text.split()


# Complaint words. Chinese words are matched as substrings; the single-character
# adjectives below only count as a jieba token of their own that ends the clause
# or follows a degree word (交期长, 价格太贵), so that 提高 or 高端 do not.
ZH_PROBLEM_WORDS = _words(
    "太 麻烦 繁琐 不准 不稳定 不够 不足 不全 不齐 对不上 不上 不了 不进来 不住 不过来 不对 不合格 不满足 "
    "不愿意 不支持 做不到 不到 没法 没人 没有 没预算 预算 经常 老是 总是 频繁 严重 延期 延迟 出错 算错 故障 "
    "宕机 卡顿 闪退 掉线 跳闸 超标 破损 积压 流失 投诉 差评 浪费 费时 费劲 耗人 耗时 老旧 波动 断货 缺货 "
    "漏检 漏单 作弊 划痕 色差 毛刺 噪音 竞品 参差不齐 等不及 等不起 等不了 干不长 记不住 找不到 跑不过来 "
    "压力 全靠 靠人 "
    "靠纸质 手算 敏感 厉害 涨 困难 难用 落后 过时 复杂 低效 效率低 瓶颈 风险 隐患 事故 不方便 不好用 吃力 "
    "放不下 停机 损失 紧张 吃紧 学不会 不会用 看不懂 搞不懂 不爱用 不想用 不愿用 跟不上 纸质 周期长 时间长 慢"
)
ZH_PROBLEM_ADJ = set(_words("慢 贵 高 低 少 多 长 大 难 差 乱 旧 短 老 杂 累 忙 热 冷 小"))
ZH_DEGREE = set(_words("太 很 偏 挺 较 比较 特别 非常 过 越来越 老 有点 有些 巨 超 极"))
# "要两个小时", "要走一个月", "要三天": something takes too long.
ZH_TAKES_TIME = (
    r"要(?:走|等|花|用)?\s*[0-9零〇一二两三四五六七八九十半几]+\s*(?:个)?\s*(?:小时|天|周|星期|礼拜|月)"
)

EN_PROBLEM = (
    r"\btoo\b|\bslow(?:ly|er)?\b|\bexpensive\b|\bcostly\b|\bpricey\b|\bwrong\b|\bbroken\b|\bbreak(?:s|ing)?\b"
    r"|\blate\b|\bdelay(?:s|ed)?\b|\blost\b|\blos(?:e|es|ing)\b|\bleak(?:s|ing)?\b|\bwast(?:e|es|ed|ing)\b"
    r"|\bcan'?t\b|\bcannot\b|\bunable\b|\bnever\b|\bcrash(?:es|ed|ing)?\b|\bbottleneck\b|\bhard\s+to\b"
    r"|\bdifficult\b|\bmess\b|\bnightmare\b|\bkilling\b|\bhurting\b|\btight\b|\bmiss(?:es|ed|ing)?\b"
    r"|\bskip(?:s|ped|ping)?\b|\bspoil(?:s|ed)?\b|\bexpired\b|\bnois(?:e|y)\b|\bscrap\b|\bhigh(?:er)?\b"
    r"|\blow\b|\bpoor\b|\bbad\b|\bterrible\b|\bawful\b|\bforever\b|\bguesswork\b|\bchurn\b|\bturnover\b"
    r"|\bout\s+of\s+(?:control|range|stock)\b|\bhalf\s+empty\b|\bbudget\b|\berrors?\b|\bmistakes?\b"
    r"|\bdowntime\b|\boutages?\b|\bfail(?:s|ed|ing|ure|ures)?\b|\bclog(?:s|ged)?\b|\bdie(?:s)?\b"
    r"|\bcancel(?:s|led)?\b|\bnobody\b|\bcompetitor'?s?\b|\boverdue\b|\bshortage\b|\bbugs?\b|\beats?\b"
    r"|\ba\s+lot\b|\bgoing\s+up\b|\brising\b|\b(?:is|are)\s+up\b|\bup\s+\d+\s*%|\bcomplain\w*"
    r"|\bwait(?:s|ing)?\s+(?:hours|days|weeks)\b|\bunreliable\b|\bcomplicated\b|\bconfusing\b"
    r"|\bthrough\s+the\s+roof\b|\bsky-?high\b|\bskyrocket\w*|\bout\s+of\s+hand\b|\bdon'?t\s+trust\b"
    r"|\bdoesn'?t\s+(?:work|trust)\b|\bno\s+visibility\b|\black\s+of\b|\bjam(?:s|med|ming)?\b"
    r"|\bconstantly\b|\bfrequently\b|\bkeeps?\s+\w+ing\b|\ball\s+the\s+time\b|\bon\s+paper\b|\bpaper-based\b"
    r"|\bby\s+hand\b|\bspend(?:s|ing)?\s+(?:\d+|a\s+lot\s+of|too\s+much|hours|days)\s*(?:hours?|days?|time|minutes)?\b"
    r"|\btak(?:e|es|ing)\s+(?:up\s+to\s+|about\s+|over\s+)?(?:\d+|a|an|one|two|three|four|five|several|many)?\s*"
    r"(?:minutes?|hours?|days?|weeks?|months?)\b"
)

# Words that introduce the value the salesperson offered.
VALUE_CUES = (
    r"价值(?:是|在于)?|卖点(?:是)?|我们的|我们|我方的?|我司的?|咱们的?|我说|我跟(?:他|她|他们)(?:讲|说)了?|跟(?:他|她)(?:讲|说)了?"
    r"|告诉(?:他|她|他们)|建议(?:他|她|他们)(?:上|用)?"
    r"|给他讲了?|给她讲了?|给他们讲了?|提了|介绍了|推荐了|承诺"
    r"|\bvalue\s*(?:is|=)?\s*|\bwe\s+(?:can|could|will\s+be\s+able\s+to)\s+|\bwe(?:'ve|'re|\s+have|\s+are)?\s+|\bour\s+"
    r"|\bcan\s+(?=do\b|offer\b|give\b|deliver\b|ship\b)"
    r"|\boffered\s+(?:(?:him|her|them)\s+)?(?:an?\s+|the\s+|our\s+)?|\bpitched\s+(?:an?\s+|the\s+|our\s+)?"
    r"|\bshowed\s+(?:(?:him|her|them)\s+)?(?:how\s+)?(?:an?\s+|the\s+|our\s+)?|\bproposed\s+(?:an?\s+|our\s+)?"
    r"|\bsuggested\s+(?:an?\s+|our\s+)?|\brecommended\s+(?:an?\s+|our\s+)?|\btold\s+(?:him|her|them)\s+(?:that\s+)?"
    r"|\bexplained\s+(?:how\s+)?(?:our\s+)?"
)

# A clause that reports what already happened (the visit itself), not the next step.
PAST_ZH = (
    r"(?:拜访|见|聊|去|来|打|通|谈|开|演示|介绍|发|寄|送|约|看|沟通|碰|坐)(?:了(?!解)|过(?![去来]))"
    r"|已经|刚才|刚刚|昨天|上周|上次|之前"
)
PAST_EN = (
    r"\b(?:visited|met|called|talked|spoke|discussed|showed|pitched|offered|told|sent|saw|had|was|were|did"
    r"|demoed|presented|emailed|phoned)\b"
)

# Labels before a colon that say what follows: "下一步：", "Next step:".
NEXT_LABEL = r"下一步|下步|后续|\bnext(?:\s+steps?)?\b|\bto\s*do\b|\baction\b"

# A clause about the customer, not about us: not the value offered.
CUSTOMER_SUBJECT = (
    r"^(?:他们|他|她们|她|客户|对方|老板|[\u4e00-\u9fff]{1,3}总"
    r"|they|he|she|customer|client|buyer|the\s+(?:customer|client|buyer))"
)

# Leading words dropped from an extracted pain point.
PAIN_LEAD = (
    r"^(?:[,，:：\s]|的|是|了|就是|其实|那个|这个|他们的?|她们的?|他的?|她的?|现在的?|目前的?|那边的?|这边的?|"
    r"that\s+|about\s+|the\s+fact\s+that\s+)+"
)
SPEAKER = (
    r"^(?:客户|对方|老板|[\u4e00-\u9fff]{1,2}(?:总监|经理|主任|主管|总|工|老板|姐|哥)|[A-Za-z]{2,12})"
    r"\s*(?:那边|这边|那里|公司|方面)"
)
# Statements of the customer's stance: neither a complaint nor the value offered.
NOT_VALUE = (
    r"不考虑|不需要|不着急|不急|再说|考虑一下|还在考虑|再看看|没兴趣|^(?:让|要求|希望|想要|请)"
    r"|\bnot\s+(?:interested|now|yet)\b|\bget\s+back\s+to\b|\bthink\s+about\s+it\b"
)

# Words that open the next step: such a clause does not continue the value.
NEXT_CUE = r"然后|接着|约了|约好|下一步|回头|到时|\bthen\b|\bwill\b|\bI'll\b|\bnext\b(?!-)|\bneed\s+to\b"
# 我们 opens a new clause in unpunctuated dictation only when a claim follows it.
WE_CLAIM = (
    r"(?:我们|我方|我司|咱们)的?[^,，。.;；!?]{0,12}?"
    r"(?:能|可以|有|提供|承诺|支持|保证|帮|做|省|降|提升|是|会)"
)
