"""How people are called: Chinese surnames and given names with their pinyin,
the functions of the customers' contacts and how a salesperson addresses them,
mobile number prefixes."""

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
