"""Thirteenth wave, insult: insults in the polite register, sarcasm and rhetorical questions aimed
at the buyer (insult.jibe: manners or wits pointed at and judged, praise turned by a sneer, the
chosen one, told to learn Chinese or bring a brain, refused as too low to talk to, medicine due
before talking, the family asked after, a backwater birth, a job, a wage or the dole as a station,
likened to a scene of low manners, Northeastern and Sichuanese fool words, the Taiwanese broken
head shell, a life wasted, a story called invented, told to find someone literate, told not to be
vile), each blocked where it is aimed at the buyer and passing in the same words used innocently
(products, pets, medicine, children, elders, apologies), on the shipped rules without the scorer.
"""

from __future__ import annotations

import pytest

from tests.message_support import assert_insult_blocked_and_innocent_passes, fires, rules_only

# (attack, the same words used innocently): every attack is insult.jibe's
JIBE_PAIRS = [
    ("你这素质，真叫人叹为观止", "这款镜头的成像素质真叫人叹为观止"),
    ("您这德行，怪不得被人拉黑", "您这家教，难怪孩子这么懂事"),
    ("你这理解能力，语文老师看了要哭", "宝宝摔了以后理解能力变差，要哭的话先抱抱"),
    ("您的情商和您的字一样差", "您的情商真高，和您聊天很愉快"),
    ("您可真是个天才，说明书能被您玩出花样来", "您可真是个天才，这个搭配我们都要学"),
    ("天选之子啊，全店就您一个人收不到货", "恭喜您成为天选之子，只有您抽中了免单"),
    ("头一次见这么厚脸皮的", "头一次见这么厚的羽绒服包装，我们拆开检查了"),
    ("建议您先把人话学明白再来留言", "建议孩子先把拼音学会，再用这款点读笔"),
    ("评价前别忘了带上脑子", "出门记得带上宝宝的水杯"),
    ("我们懒得跟没教养的人废话", "我们不和别的店比价格"),
    ("和您交流真的很掉价", "和您交流真的很愉快"),
    ("先把药吃了再来投诉", "建议先吃药再吃保健品，中间隔一小时"),
    ("你是不是又忘吃药了", "狗狗是不是忘吃药了？驱虫药要按时喂哦"),
    ("你们全家都这德行吗", "你们全家都喜欢这个口味吗"),
    ("原来是大山里出来的，怪不得没见过世面", "大山里来的蜂蜜，怪不得这么香"),
    ("扫大街的还嫌贵", "扫地机器人还有三台现货"),
    ("一个月才挣两千块的人也敢砍价", "一个月两千块的预算也能买到好货"),
    ("叫花子吧？这么爱砍价", "叫花鸡真空包装，今天发货"),
    ("你家里是吃不起饭了吗", "我小时候家里吃不起饭，所以现在开这家店"),
    ("讹钱讹得这么心安理得", "这款钱包放心用，心安理得"),
    ("您这撒泼打滚的样子真像街头混混", "您这只猫咪打滚的样子真像个小无赖"),
    ("你瞅你那傻了吧唧的样", "这只猫傻了吧唧的，很招人喜欢"),
    ("你脑壳进水了喔", "宝宝脑壳撞了有包的话，先冰敷"),
    ("你这人真是白活了", "你可别白活了这一辈子，多出去走走"),
    ("这辈子没见过好东西吧", "奶奶说一辈子没用过这么好的东西"),
    ("您这借口编得比连续剧还曲折", "这部剧演得比小说还精彩，原著党也满意"),
    ("看不懂物流就请个上过学的人帮您看", "老人家不识字的话，可以让读过书的家人帮忙下单"),
    ("做人可别这么卑鄙", "做人不要太累，注意休息"),
    ("您真是个人物，这种话都说得出口", "您是我们店的重要人物，这份礼物请收下"),
    ("你这记性，幼儿园小朋友都比你强", "这款点读笔很简单，小朋友都比大人学得快"),
    ("您真是一次次突破我们的底线", "这次大促刷新了全网价格底线，您赶上了"),
    ("您这种人真让人叹为观止", "您这样的老顾客让我们大开眼界，原来还能这么搭配"),
    ("你就别太把自己当回事了", "您别太客气，有事随时找我们"),
    ("容不下你这尊大佛", "您这尊佛像是开过光的，请放心"),
    ("你爹就是这么教你的吗", "你妈妈教你这么包饺子的吗？真厉害"),
    ("劝您先把眼睛治好再来挑毛病", "宝宝眼睛发炎，先把眼睛治好再来配眼镜"),
    ("出门前别忘了吃药啊亲", "出门前记得吃药，晕车药要提前半小时"),
    ("看你的收货地址就知道是个穷乡僻壤", "看您的收货地址就知道是农村，快递可能要晚一天"),
    ("开出租的还想买这个", "开出租的师傅都喜欢这款坐垫"),
    ("您这么聪明，怎么连快递都不会取", "您真聪明，我都不会"),
    ("您的所作所为真是无耻", "您的所作所为我们都记下了，马上处理"),
    ("你是聋了还是傻了", "您是看不见字还是页面打不开"),
    ("你们那个村是不是才通电", "村里刚通网的话可以用手机下单"),
    ("碰上你这种人真晦气", "遇到您这种人是我们的幸运"),
    ("先照照镜子，看看自己几斤几两", "照照镜子看看自己戴上好不好看"),
    ("你条友好撚烦", "撚手小菜今天特价"),
]

# (attack, innocent) caught by widening older frames and classes this wave
WIDENED_PAIRS = [
    ("您的脑袋是用来装饰的吗", "这个卡通头套的脑袋部分是装饰用的，不能当头盔"),
    ("你的智商余额不够了吧", "您的余额不够的话可以用花呗"),
    ("您是用膝盖思考问题的吧", "这款护膝适合久坐思考的上班族"),
    ("你这人怎么这么憨呢", "这人很好，上次还送了我们锦旗"),
    ("像你这种人也就只能在网上横了", "只能在网上买的限定款已经到了"),
    ("还是赶紧去看心理医生吧你", "最近压力大、焦虑的话，建议去看看心理医生"),
    ("上海人就是小气", "上海仓发货更快"),
]


@pytest.mark.parametrize(("attack", "innocent"), JIBE_PAIRS)
def test_jibe_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)
    assert fires(rules_only(), attack, "insult.jibe"), attack


@pytest.mark.parametrize(("attack", "innocent"), WIDENED_PAIRS)
def test_widened_aimed_and_innocent(attack: str, innocent: str) -> None:
    assert_insult_blocked_and_innocent_passes(attack, innocent)


def test_impatience_is_still_only_tone() -> None:
    """难伺候 said of the buyer is impatience (tone), so "never seen one so hard to serve" only
    warns: the never-seen frame takes insults, not complaints."""
    result = rules_only().check("没见过这么难伺候的")
    assert result.verdict == "warn"
    assert {finding.scene for finding in result.findings} == {"tone"}


QUOTED = [
    "您说“你这素质，真叫人叹为观止”，我们非常抱歉，会改进",
    "买家留言“先去吃药再来聊”是在说我们客服吗？非常抱歉",
    "您反馈说“天选之子啊，就您收不到”这句话冒犯了您，我们已经处理该客服并道歉",
]


@pytest.mark.parametrize("text", QUOTED)
def test_quoted_jibe_passes(text: str) -> None:
    """The buyer's own words quoted back in an apology are not the agent's jibe."""
    assert rules_only().check(text).verdict == "ok", text
