"""Ordinary replies that look like insults or mailing by structure, not by word lists: the
buyer's words reported back, a name in title marks, the agent speaking of themselves, a lead-in
after the word, sound-alike readings that are everyday words; and the verdict of a lone guess."""

from __future__ import annotations

import pytest

from tests.message_support import shipped_engine

# (reply, why it is clean)
CLEAN = [
    ("您说我们是骗子，这个我们真的冤枉", "the buyer's words reported without quotation marks"),
    ("买家说收到的东西像垃圾一样，我们已经安排退款了", "reported by a third party"),
    ("买家骂我们是奸商，我们也能理解", "骂 reports the buyer's words"),
    ("您说狗都不吃，亲，我们可以给您退", "reported"),
    ("您反馈的“傻瓜设计”是指哪个按钮呢", "a quotation after 反馈的"),
    ("亲，这本书叫《白痴》，是名著", "a title"),
    ('这个牌子叫"傻子瓜子"，老字号', "a quotation right after a naming word is a name"),
    ('您拍的"猪头 帽子 卡通"是儿童款', "an order's title read back after a polite lead-in"),
    ("商品标题写的“变态辣 鸡翅”是辣度", "a title read back; 辣 鸡 sounds like 垃圾"),
    ("我真是个猪脑子，忘了给您备注赠品", "the agent of themselves"),
    ("哈哈我这个人笨手笨脚的，又把您的地址填错了", "我这个人 is the speaker, no target"),
    ("都怪我，我是个笨蛋，这就给您补发", "the agent of themselves (hand-written rule)"),
    ("我脑子进水了，把颜色发错了，给您换", "a curse lexicon word of the speaker"),
    ("我今天是个废物，又把单号发错了", "the speaker's run goes on through 今天 and 是个"),
    ("小店确实有点井底之蛙，运费算错了", "the speaker's run goes on through 确实 and 有点"),
    ("蟑螂药放在角落，过几天蟑螂就死光了", "死 after the word is no name-calling lead-in"),
    ("驱虫药按体重吃，您家狗狗多重呢", "多重 is typed as the everyday word"),
    ("瘦一点的亲，我们给您寄小一码", "瘦/一点 even next to a sending act"),
    ("偏瘦一些的宝宝拍S码，今天发货", "瘦/一些"),
    ('您说师傅说您家的狗是"疯狗"，我们非常抱歉', "a quotation in marks inside a report"),
    ('您反映快递员叫您"老不死的"，我们已经投诉', "the report names only the polite 您"),
    ('您说的那句"你算老几"是物流客服说的', "a quotation inside a report that starts with 的"),
    ("辣鸡翅是我们店的招牌，微辣中辣特辣三种口味", "a word running into a dish is its name"),
    ("亲，这个杠精牌的杠铃很结实", "a word running into 牌 is a brand"),
    ("巨婴纸尿裤是给大宝宝的", "a word running into goods is a product name"),
    ("给您寄出的是红色蜡烛，不是白蜡烛，放心", "an item denied right before it is named"),
    ("请您保留好罐子，我们会派人上门取回去检测", "a visit that fetches goods"),
    ("这是我们的IP形象，名字叫小白痴，没有别的意思", "a name needs no marks after 名字叫"),
    ("资料是md格式的，用记事本也能打开", "initials running into a file format"),
    ("亲，这双NMD是正品，鞋盒都有", "initials in letters after a goods classifier are a model"),
    ("我靠墙给您放了", "靠 with what it leans on runs straight into it"),
    ("我靠边停车等您", "靠边: pulling over"),
    ("这个月我靠您这单冲业绩了", "靠您: relying on the buyer"),
    ("宝宝放屁多可能是胀气", "a baby's wind, the baby right before it"),
    ("狗狗总是放屁是肠胃不好", "a pet's wind, the pet within reach before it"),
    (
        "您说直播间有人刷屏骂您是骗子，我们已经把那个账号拉黑了",
        "a structure rule's match holding a report lead-in (有人) in complaint handling",
    ),
    ("有人刷屏骂您，实在抱歉，我们已经截图投诉了", "the lead-in right before the match"),
    ("包装逼真的假花，放客厅很好看", "包装|逼真: everyday words on both sides split the term"),
    ("亲，王八给您寄了一只，活的，甲鱼", "an animal sent is stock, not a name"),
    ('亲，这个"废柴"系列的表情包周边是正版授权的', "a quoted name runs into goods"),
    ("这个药超量服用后果很严重，请按剂量吃", "the consequence of misusing a product"),
    ("快递员说他在您家楼下等着，您方便下去拿一下吗", "a courier's words passed on"),
    ("收到后请小心拆包装，家里有小孩的话请放在高处", "care advice about the household"),
    ("家人们给我等着，马上上链接", "a live-stream host to the room"),
    ("明天暴雨，最好别出门，快递我们晚两天给您送", "a warning about the weather"),
    ("这笔账我们给您算一下：原价三百，满减后两百二", "a sum worked out for the buyer"),
    ("收件人尼玛次仁，电话尾号3321", "a Tibetan name, not the oath"),
    ("死贵死贵的，不过一分钱一分货", "死 as an intensifier, not 死鬼"),
    ("亲，给您寄了一袋鸭屎香，是单丛茶", "a tea's name"),
    ("亲，您的挽联布料样品给您寄了三种，您挑一个", "a sample the shop shows"),
    ("私自拆机的，后果自负，不在保修范围内", "a warranty condition"),
    ("错过这次让你后悔一年", "an ad's promise of regret"),
    ("之前那家物流太垃圾了，我们已经换成顺丰了", "contempt of a courier, not the buyer"),
    ("我去你的店里看过了，很不错", "我去你的 with the place it goes to"),
    ("您收到的包裹里有死老鼠？这不是我们发的，我们马上核实", "a parcel the shop did not send"),
    ("否则后果是退款失败，请一定填写单号", "a procedure's consequence spelled out"),
    ("有人去找你拿件，是上门取件的师傅", "a pick-up, not a visit to menace"),
    ("小心你家猫咬坏，这个是塑料的", "the pet's own mischief"),
    ("你等着，我去仓库看看", "an errand of the shop after 你等着"),
    ("亲，您寄回来的包裹里有用过的纸巾，我们没法二次销售", "the buyer's return, received"),
    ('T恤上的"莫挨老子"是四川话，意思是别碰我', "a slogan in marks after a print word"),
    ('"我是你爸爸"这个印花审核没通过，已下架', "a quotation before a word mentioning it"),
    ("刚拆包的时候有点味道，真不是垃圾货", "an emphatic denial touching the word"),
    ("这款锅太垃圾了是之前的老款，新款已经改进了", "goods named by a classifier before the word"),
    ("您家在小区靠北那栋楼吗？快递员找不到", "靠北 toward a side of a place"),
    ("您的账号被封是因为用了外挂吗？我们是纯手工代练", "a ban explained by its cause"),
    ("这是给我妈的生日礼物吗？我们可以帮您写贺卡", "a mother's, not 妈的"),
    ("这款口红让你好看一整天", "goods promised to the buyer"),
    ("别逼我降价，我已经是最低了，哈哈", "haggling touching the word"),
    ("这笔账我们记着呢，下次给您补上运费", "a debt the shop owes the buyer"),
    ("我们知道您住在几楼，快递会送上去的", "the floor known for a delivery"),
    ("送您一个小花圈头饰，拍照很好看", "goods in the item's shape"),
    ("我们给您寄了一包黄纸，是练书法用的毛边纸", "a craft material"),
    ("这个APP很垃圾，我们也在投诉它", "an app as the subject"),
    ("这种假货太恶心了，您放心，我们家是正品", "fakes the agent condemns"),
    # eighth wave
    ('您在评价里写了"垃圾客服"，我们已经把这位客服调岗培训了', "where the buyer wrote it, quoted"),
    # tenth wave, lead: the channel it came through
    ('您在聊天里说"你们全家都不得好死"，平台已介入，售后照常处理', "the channel, quoted"),
    ("他奶奶的生日快到了，您可以选这款寿桃蛋糕", "a relative's day after the possessive"),
    ("什么鬼天气，又下雨了，快递可能会晚一天", "an exclamation about the weather"),
    ("我们主播说自己就是个菜鸟渣渣，第一次直播太紧张了", "someone naming themselves"),
    ("走着瞧，这个价格下周绝对买不到了！", "an ad's dare about the price"),
    ("我们做客服的就是打工人，您多担待", "the speaker's own work, no menace"),
    ("该死的系统，一直卡，您再稍等一下", "a tool cursed"),
    ("这该死的天气，冷死了", "the weather cursed"),
    ("您不是傻子，是我们没讲清楚", "the polite 您 denied the name"),
    ("我们店小，我们老板是个穷光蛋，但东西是真的好", "the shop's own people"),
    ('"垃圾"两个字我们已经从商品标题里删掉了', "a quoted word counted out"),
    ('上一位客人骂我们"神经病"，您别在意，我们继续为您服务', "another customer's words quoted"),
    ("这个玩具枪是软弹的，打人不疼", "软弹 the soft dart, not 软蛋"),
    ("麻烦您评价一下吧", "a request for a review"),
    ("请不要用脑残这种词说别人", "a word named as a word"),
    ("一无是处这种评价我们会认真对待，您具体说说哪里不满意", "a review named as such"),
    ("软脚虾是一道菜吗？我们店不卖", "a dish"),
    ("这笔账我们核对过了，多扣的钱已经退回", "an account checked"),
    ("累死了，今天终于把您的货发出去了", "goods shipped, not published"),
    ("我们知道您住在哪个小区，已经安排最近的网点", "the home known for a delivery point"),
    ("我们的人明天去您家取件", "an errand at the buyer's home"),
    ("很多人觉得上海人小气，其实我们上海的老客户最大方", "a belief reported, then answered"),
    ("您是觉得我们看不起外地人吗？绝对没有", "the shop asked whether it despises"),
    ("小编脑子瓦特了，价格写错了", "the shop's writer of themselves"),
    ("这个牌子的东西都是垃圾，我们不进货", "a brand's goods run down"),
    # ninth wave: a word naming an institution, care goods or a food; the speaker's run through
    # 自己也; a quality denied; the transport cursed
    ("神经病医院就是精神卫生中心，导航上搜得到", "a medical word naming a hospital"),
    ("智障辅助用品可以申请残联补贴", "a medical word naming care goods"),
    ("弱智儿童康复训练的教具我们有整套", "a group word naming a care service"),
    ("傻子瓜子的年货礼盒是老字号", "a brand of snacks"),
    ("乡巴佬卤蛋一箱三十个", "a brand of snacks"),
    ("笨猪肉的肥膘厚，炖着吃香", "a breed's meat"),
    ("我自己也白痴了一下午才装好", "the speaker's run goes on through 自己也"),
    ("我觉得你们都不恶心", "a quality denied"),
    ("该死的物流又延误了，真的很抱歉", "the transport cursed"),
    ("他说要带他妈来店里试穿", "his mother as the object of a verb"),
    ("快递员敲门把他妈吓了一跳，我们已经投诉了", "his mother as the object of 把"),
    ("那个骗子买家我们已经拉黑了，也向平台举报了", "a third party pointed at, then handled"),
    ("有个骗子买家已经被平台处理了，您的订单不受影响", "a third party introduced, then handled"),
    ("那位骗子顾客已经被平台封号了", "the word runs into the third party it names"),
    ("智障儿童康复中心的采购可以走对公转账", "a care service named"),
    # ninth wave, second shift: the one cared for, 的, their goods; a courier reported, handled;
    # his mother the subject of a clause the buyer's people report
    ("智障孩子的识字卡片有现货", "whose goods: the one cared for, then 的"),
    ("脑瘫患者的护理垫是一次性的", "whose goods: the patient, then 的"),
    ("那个神经病快递员把包裹扔了，我们已经投诉了", "a courier named in a report, handled"),
    ("那个白痴骑手送错了，平台已经处理了", "a rider named in a report, handled"),
    ("您朋友说他妈急着用，我们今天就发", "his mother the subject of a reported clause"),
    ("该死的快递又丢件了，我们马上补发", "the parcel service cursed"),
    ("弱智儿童的康复器材有补贴", "a care head after 的"),
]

# (draft, rule id that must still block)
STILL_BLOCKED = [
    ("你说你是不是神经病", "insult.curse"),  # an unquoted 你说 leading the agent's own insult
    ("我看你就是个傻逼", "insult.intellect"),  # a speaker word, but a target too
    ("我就是要烦死你，天天打", "insult.contempt"),  # the target is inside the hit
    ("你这头猪。", "insult.animal"),
    ('你就叫"傻逼"吧', "insult.curse"),  # the listener is what is named
    ("我看是个傻逼", "insult.curse"),  # 看 is no adverb or copula: the speaker's run ends
    ("我也是服了，废物", "insult.curse"),  # the run ends before 服了
    ('你拍的"傻逼"东西', "insult.curse"),  # an informal lead-in is no title read back
    ('你说他骂你是"傻逼"', "insult.intellect"),  # the report names the informal 你
    ("你这个杠精牌", "insult.contempt.aimed"),  # a goods word, but the buyer is named
    ("傻逼排队都不会", "insult.intellect"),  # 排 is no goods word alone
    ("我不是开玩笑，给你寄一箱纸钱", "mailing.funeral"),  # the denial does not touch the item
    ("我给你取名叫傻逼", "insult.intellect"),  # the listener is just before the naming word
    ("这款傻逼东西", "insult.intellect"),  # only words in Latin letters read as a model after 这款
    ("你这双NMD", "insult.profanity"),  # a target is near
    ("给你寄点明币，你慢慢花。", "mailing.funeral"),  # 寄/点/明币: 点明 is rare
    ("给你寄个瘦衣", "mailing.funeral"),
    ("我靠，又是你", "insult.profanity"),  # the exclamation before a break
    ("我靠你", "insult.profanity"),  # 你 is no object that clears 我靠
    ("你放屁", "insult.profanity"),  # said of the buyer
    ("宝宝，你放屁", "insult.profanity"),  # 宝宝 the buyer addressed, not touching the word
    ("有人刷屏骂你，我们已经拉黑了", "harassment.persistence"),  # the informal 你 is near
    ("您不改评价，有人刷屏骂您", "harassment.persistence"),  # no word of complaint handling
    ("傻逼真烦", "insult.intellect"),  # no everyday word ends at 傻
    ("别装逼真的", "insult.curse"),  # 别装 is no word
    ("你个王八，给你寄个屁", "insult.animals.aimed"),  # the sending word does not touch it
    ('你这个"废柴"系列的东西', "insult.contempt"),  # a goods word, but the buyer is named
    ("你再乱吃东西后果很严重", "threat.menace"),  # no product misused
    ("你给我等着", "threat.menace"),  # no host addressing the room
    ("尼玛的快递又丢了", "insult.profanity"),  # no name runs into it
    ("差评不删我就往你家寄蛆，一天一盒", "mailing.vile"),
    ("你的差评我收到了，回礼是一箱放烂的死鱼", "mailing.vile"),
    ("送你一套穿着下葬的衣服，喜欢吗", "mailing.funeral"),
    ("不删差评，后果自负", "threat.menace"),  # no policy condition near
    ("我去你的吧", "insult.profanity"),  # no place after it
    ("包裹里有死老鼠，你自己核实一下吧", "mailing.vile"),  # not the shop checking
    ("否则后果你自己清楚", "threat.menace"),
    ("你等着，我去查你住哪", "threat.menace"),  # 我去查 alone is no errand of the shop
    ("给你寄了一袋烂苹果，都长毛了", "mailing.vile"),
    ("包裹里是一捧土，从坟上挖的", "mailing.funeral"),
    ("随便你差评，反正你家地址我有", "threat.known"),  # a held detail after the go-ahead
    ("想给差评就给，你晚上回家路上小心点", "threat.menace"),
    ("不删差评就举报你，再投诉我就去你家找你", "threat.pressed"),  # a condition, no go-ahead
    ("你这种人真不是东西，垃圾", "insult.contempt"),  # the denial does not touch 垃圾
    ('你就是个"废物"这句话我说的', "insult.curse"),  # the listener before the quotation
    ("这件衣服你穿真垃圾", "insult.contempt"),  # the buyer, not the goods
    ("你们这种人太恶心了", "insult.contempt"),  # 人 is no thing
    ("靠北喔，又退货", "insult.profanity"),
    ("我他妈的受够你了", "insult.profanity"),  # not a mother's
    ("这件事，让你好看", "threat.menace"),  # no goods before it
    ("别逼我动手", "threat.menace"),
    ("这笔账我们记着，迟早跟你算", "threat.menace"),
    ("我知道你住在几楼，你等着", "threat.address"),
    ("给你寄了一箱纸钱，练书法用吧哈哈", "mailing.funeral"),  # no craft material named
    ("你的账号被封了，活该，是因为你得罪了我们", "threat.standing"),  # the cause is no clearing
    ("他奶奶的，又是你", "insult.profanity"),  # no belonging after the possessive
    ("他妈的快递又丢了", "insult.profanity"),  # a parcel is not a person's belonging
    ("什么鬼东西", "insult.profanity"),  # no weather after it
    ("你给我走着瞧", "threat.menace"),  # no offer near
    ("你就是个菜鸟渣渣", "insult.contempt"),  # the listener, not the speaker
    ("他说你就是个菜鸟渣渣", "insult.contempt"),  # 说 alone is no one naming themselves
    ("你们公司在哪我都知道，我们就是打工的也不怕你", "threat.held"),
    ("你这该死的", "insult.curses"),  # no thing after it
    ("你不是傻子吧", "insult.intellect"),  # the informal 你 is no denial
    ("您是不是傻子", "insult.intellect"),  # 是不是 asks, it does not deny
    ("你们老板是个穷光蛋", "insult.contempt"),  # the buyer's side, not the shop's
    ("你就是个软弹", "insult.contempt"),  # the sound-alike aimed at the buyer
    ("你差评一个试试", "threat.pressed"),  # a dare, no request
    ('你就是"垃圾"两个字', "insult.curse"),  # the listener before the quotation
    ("说这种话的都是傻逼", "insult.intellect"),  # 这种话 is no mention of a word
    ("你就是个脑残", "insult.intellect"),
    ("这笔账我记下了，你等着", "threat.menace"),  # nothing checked
    ("把你的聊天记录发出去", "threat.exposure"),  # a record, not goods
    ("你住的小区我知道，驿站旁边那栋，晚上小心点", "threat.menace"),
    ("我们的人明天去你家，你等着", "threat.address"),  # no errand
    ("我们看不起外地人怎么了", "insult.group_contempt"),  # the shop's own stance
    ("上海人小气，活该", "insult.group_contempt"),  # no belief reported
    ("你的东西都是垃圾", "insult.contempt"),  # the buyer's things, no brand or shop
    # ninth wave: the same words with the buyer named, or the clearing word missing
    ("你是神经病医院跑出来的吧", "insult.intellect"),  # a hospital named, the buyer near
    ("你这种垃圾学校毕业的", "insult.contempt"),  # a school named, the buyer near
    ("你这个智障儿童", "insult.intellect"),  # 儿童 alone names no care
    ("你也不照照镜子", "insult.contempt.aimed"),  # 也不 is no denial of a quality
    ("你不恶心吗", "insult.contempt.aimed"),  # the bare 不 asks
    ("你自己也是个白痴", "insult.intellect"),  # 你 starts the run, not the speaker
    ("该死的快递员", "insult.curses"),  # a person, not the transport
    ("你这头蠢猪肉都不如", "insult.animals"),  # the buyer named before the breed word
    ("我他妈受够了", "insult.profanity"),  # the oath after its subject
    ("被他妈的快递坑了", "insult.profanity"),  # 被 is left out: the oath
    ("那个骗子买家", "insult.contempt.aimed"),  # nothing handled
    ("你这个骗子买家，我已经举报了", "insult.contempt.aimed"),  # the buyer addressed
    ("灰熊猫那个垃圾有什么证据", "insult.contempt"),  # 那个 before a hit without its own target
    ("你这个骗子顾客，我已经举报了", "insult.contempt.aimed"),  # the buyer addressed
    ("那个骗子，买家都知道，已经投诉了", "insult.contempt.aimed"),  # 买家 does not touch it
    # ninth wave, second shift
    ("你就是那个骗子", "insult.name_calling"),  # the one pointed out: 就是那个 calls a name
    ("他就是那种小人", "insult.name_calling"),
    ("那个神经病快递员又来了", "insult.intellect"),  # a courier named, nothing handled
    ("你这个神经病快递员，我已经投诉了", "insult.intellect"),  # the listener addressed
    ("那个快递员是神经病，我们已经投诉了", "insult.intellect"),  # the term does not run into him
    ("你这个脑瘫儿童的脑子", "insult.intellect"),  # the buyer named before the care noun
    ("我说他妈的能不能快点", "insult.profanity"),  # 说 alone: the oath's frame
    ("该死的快递小哥", "insult.curses"),  # 的快递 runs on into a person's name
    ("你这个精神病人的护理费谁出", "insult.intellect"),  # the buyer named before the care head
    ("你朋友说你他妈的烦", "insult.profanity"),  # the oath after its subject
]

# (reply, why it is a tone of service and no threat): warned or passed, never held
TONE_ONLY = [
    ("要差评就差评吧，随便你", "the review left to the buyer, resigned"),
    ("你想给差评就给，我们也拦不住", "a go-ahead word after the review"),
    ("你差评吧，反正你也不是第一个", "差评吧: the act allowed, not a dare"),
    ("差评你就给吧，我也没办法了", "给吧 after the review"),
    # eighth wave: the buyer's words as said (原话是): no insult, at most the scorer's advisory
    ('买家原话是"老子不要了"，那我们就按退款处理吧', "the buyer's words quoted after 原话是"),
    ('那位顾客一直嚷嚷"你们就是骗子"，我们已经报备平台了', "a customer's shouted words quoted"),
]


@pytest.mark.parametrize(("text", "why"), CLEAN)
def test_ordinary_replies_are_not_flagged(text: str, why: str) -> None:
    result = shipped_engine().check(text)
    assert result.verdict == "ok", (why, [(f.rule_id, f.match) for f in result.findings])


@pytest.mark.parametrize(("text", "rule_id"), STILL_BLOCKED)
def test_insults_and_mailing_still_block(text: str, rule_id: str) -> None:
    result = shipped_engine().check(text, one_per_span=False)
    assert result.verdict == "block"
    assert rule_id in {f.rule_id for f in result.findings}


@pytest.mark.parametrize(("text", "why"), TONE_ONLY)
def test_resigned_replies_are_tone_at_most(text: str, why: str) -> None:
    result = shipped_engine().check(text, one_per_span=False)
    assert result.verdict != "block", (why, [(f.rule_id, f.match) for f in result.findings])
    assert {f.scene for f in result.findings} <= {"tone"}


def test_a_lone_sound_alike_reading_aimed_at_no_one_warns() -> None:
    result = shipped_engine().check("哈哈，您家狗狗比我吃得还好")
    [finding] = result.findings
    assert (finding.rule_id, finding.match) == ("insult.animal", "狗狗比")
    assert finding.verdict == "warn" and result.verdict == "warn"
    assert finding.to_json()["verdict"] == "warn"


def test_the_same_reading_aimed_at_the_buyer_blocks() -> None:
    result = shipped_engine().check("你这狗狗比")
    assert result.verdict == "block"
    assert all(f.verdict == "block" for f in result.findings)


def test_a_guess_next_to_a_sure_finding_blocks() -> None:
    result = shipped_engine().check("狗狗比，滚犊子")
    assert {f.verdict for f in result.findings} == {"block"}


def test_disguises_on_purpose_are_no_guess() -> None:
    # repeated characters and a character between them are typed to evade, not by chance
    for text in ("傻傻傻逼，说了没货", "沙\u200b比，自己看不懂说明书"):
        assert shipped_engine().check(text).verdict == "block", text


def test_a_slur_about_a_group_said_to_no_one_warns_and_aimed_at_the_buyer_blocks() -> None:
    alone = shipped_engine().check("亲，鬼佬最爱的辣酱我们也有")
    assert [(f.category, f.verdict) for f in alone.findings] == [("discrimination", "warn")]
    assert alone.verdict == "warn"
    slogan = shipped_engine().check("黑命贵")  # an issue example: flagged, a reminder alone
    assert [(f.category, f.verdict) for f in slogan.findings] == [("discrimination", "warn")]
    assert shipped_engine().check("你这个鬼佬").verdict == "block"
    assert shipped_engine().check("买家是个鬼佬吧").verdict == "block"
