"""Words that say nothing about what a customer needs, for ``demand_words``.

A manager's "TOP demands" cloud should show 交期, 价格, inventory, not the
words every sales note is made of. Besides the usual function words, the lists
drop the vocabulary of the note itself: who spoke (客户, 王总, customer, they)
or is spoken of (供应商, supplier), where (现场, site), how it was said (说,
觉得, 反映, mentioned, said), when (今天, 下周, 每月, tomorrow), how the visit
went (再考虑, 出差, 没见到), words that only qualify the demand (提供, 完整,
合适, 下来 of 降下来) and the labels of the form (痛点, 需求, 问题, pain,
need). ``tests/unit/test_demand_words_corpora.py`` keeps the top words of the
demo and benchmark corpora free of them. Content words that
salespeople use for the demand itself (交期, 报价, 售后, delivery, price) must
never be added here.
"""


def _words(text):
    """A frozenset of the space-separated words of ``text``: lists stay readable."""
    return frozenset(text.split())


CHINESE_STOP_WORDS = _words(
    """
    的 地 得 了 着 过 是 在 有 和 与 及 以及 跟 同 或 或者 而 而且 并 并且 也 都 就 又 还 再 才 只 只是
    很 太 挺 非常 特别 比较 有点 有些 有点儿 一些 一点 一点儿 一下 一下子 一直 一起 一定 一样 一般 一个
    一次 总是 老是 这 那 这个 那个 这些 那些 这样 那样 这么 那么 这边 那边 这里 那里 这种 那种 这次 那次
    这块 那块 什么 怎么 怎么样 怎样 为什么 多少 哪些 哪个 是否 是不是 有没有 能不能 要不要 因为 所以
    但是 但 可是 不过 然后 如果 虽然 还是 还有 另外 其实 其中 其他 其它 关于 对于 由于 通过 比如 例如
    已经 现在 目前 当前 之前 以前 之后 以后 最近 刚才 马上 今天 明天 后天 昨天 前天 上午 下午 中午 晚上
    早上 今年 明年 去年 本周 这周 下周 上周 本月 这个月 下个月 上个月 月底 月初 周末 我 我们 你 你们 您
    他 他们 她 她们 它 它们 咱们 自己 大家 对方 人家 别人 客户 顾客 客人 甲方 公司 对方公司 老板 领导
    负责人 经理 总经理 总监 主管 主任 老师 先生 女士 小姐 师傅 采购 说 讲 说道 提 提到 提出 表示 反映
    反馈 提及 告诉 觉得 认为 感觉 感到 觉着 希望 想 想要 需要 要 要求 打算 准备 担心 抱怨 嫌 吐槽 问
    问了 聊 聊了 聊到 谈 谈到 沟通 交流 拜访 跟进 联系 见面 见 去 来 到 看 看看 做 弄 搞 用 痛点 需求
    核心 核心需求 主要 主要是 问题 情况 方面 东西 事情 事 地方 部分 时候 时间 方式 方法 没有 没 不 不是
    可以 能 能够 会 可能 应该 必须 一定要 得到 已 被 把 让 给 对 从 向 为 以 于 等 等等 之 其 该 此 吗
    呢 吧 啊 呀 哦 嗯 嘛 哈 呵 哎 唉 个 些 位 家 下 上 中 里 后 前
    经常 常常 总 不了 现有 现在的 每次 每个
    供应商 原供应商 老供应商 现场 提供 拿出 给到 下来 起来 出来 下去 过来 不降 完整 合适 越来越 很大 就要
    不到 方便 重视 每天 每周 每月 每年 上次 下次 原来 现用 另一家 期间
    考虑 再考虑 不着急 不太急 犹豫 意向 有意向 满意 聊得 没见到 没空 很忙 出差 外地 开会 回复 商量 回去
    比比 再约 换人 没拍板 没谈拢 厂长 老总 项目
    """
)
"""Function words and note vocabulary, matched against whole jieba tokens."""

ENGLISH_STOP_WORDS = _words(
    """
    a an the and or but nor so yet if then than that this these those there here what which who whom
    whose when where why how all any both each few more most other some such only own same too very just
    also still even again ever always never often usually really quite rather much many lot lots bit
    about above after before below between into onto over under out off from with without within for of
    on in at by to up down via per as is are was were be been being am do does did doing done have has
    had having get gets got getting can could will would shall should may might must need needs needed
    want wants wanted like likes liked i me my mine myself we us our ours ourselves you your yours
    yourself he him his himself she her hers herself it its itself they them their theirs themselves one
    ones someone something anything nothing customer customers client clients prospect buyer buyers
    company contact boss manager say says said saying tell tells told mention mentions mentioned ask
    asks asked talk talks talked discuss discussed think thinks thought feel feels felt seem seems
    seemed believe hope hopes visit visited meeting met call called follow today tomorrow yesterday week
    weeks month months year now currently recently soon next last main mainly key core pain point points
    issue issues problem problems need concern concerns demand demands thing things way etc not don't
    doesn't didn't can't won't isn't aren't wasn't weren't haven't hasn't they're we're it's i'm that's
    supplier suppliers current site every once another anyone nobody cannot keep keeps know take takes
    come comes came different full better lower owned day days
    """
)
"""Matched after lower-casing, before plural folding ("customers" is listed too)."""

MEANINGFUL_SINGLE_CHARS = frozenset("贵慢难乱缺差卡漏错坏")
"""Single Chinese characters kept: in 价格贵, 发货慢, 质量差 the pain *is* the adjective.
Every other single character (王 of 王总, 太, 高, 月 …) is dropped."""

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
"""Common surnames, to recognise 王总, 李经理, 老王 and the like as names."""

HONORIFICS = (
    "总经理",
    "总监",
    "经理",
    "主任",
    "主管",
    "老板",
    "老师",
    "先生",
    "女士",
    "小姐",
    "师傅",
    "科长",
    "处长",
    "部长",
    "厂长",
    "局长",
    "董",
    "总",
    "工",
    "姐",
    "哥",
)
"""Titles that follow a surname (王总, 张工, 陈姐); longest first."""
