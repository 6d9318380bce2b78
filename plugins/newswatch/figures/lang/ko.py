"""Korean: the words and patterns the Korean press uses for troop counts, losses, sources and periods
("북한군 1만1천여 명", "사상자가 4천700명에 이른다", "국정원에 따르면", "지난 하루 동안").

Grouped as the machinery reads them (see en.py). Korean numbers mix digits and scale characters
(`compound_scales`: 1만1천, 4천700); particles stick to the word before them, so a metric term matches
with any ending (`term_tail`) and words are looked up without their particles (`word_suffix`); the speaker
is the source its topic or subject particle marks ("국정원은 ... 밝혔다").
"""

from __future__ import annotations

from newswatch.figures.lexicon import Lexicon

# Particles and endings after a noun or a counter: "명으로", "사상자가", "병력을", "명가량이".
PARTICLES = (
    r"(?:가량|정도|안팎|내외|쯤|꼴|씩)?(?:으로서|으로는|으로도|으로|로는|로도|로|에서는|에서|에게|에는|에도|에만|에|"
    r"이라고|라고|이며|이고|이다|이나|이란|은|는|이|가|을|를|의|와|과|도|만|까지|부터|나)?"
)
# A count's counter and its particle right after the number: "명", "여 명이", "명가량".
COUNTER = r"\s?(?:여\s?)?명?" + PARTICLES

QUALIFIERS_BEFORE = (
    ("at_least", r"최소한|최소|적어도"),
    ("at_most", r"최대|거의"),
    ("approx", r"약|대략|어림잡아|대략적으로|~"),
)
Q = r"(?:(?:최소한|최소|적어도|최대|거의|약|대략|어림잡아)\s?)?"

METRICS: dict[str, tuple[str, ...]] = {
    "casualties": (
        "사상자", "사상", "인명피해", "인명 피해", "피해", "병력 손실", "손실", "전사상자", "사망 또는 부상",
        "죽거나 다친", "죽거나 다쳤", "죽거나 다치", "죽거나 다쳐", "죽거나 다치거나", "사망하거나 부상",
        "전사하거나 다친", "전사하거나 부상", "숨지거나 다친", "숨지거나 다쳤", "사살하거나 다치게", "사망하거나 다쳤", "사망하거나 다친", "사망하거나 다쳐", "사망하거나 다치",
        "전사하거나 다쳤", "숨지거나 다쳐", "죽거나 부상", "잃었", "잃으면서",
        "잃은", "잃고", "전력에서 이탈", "전력에서 빠지", "전투력을 잃", "전사자와 부상자", "사망자와 부상자",
    ),
    "killed": (
        "사망", "사망자", "전사", "전사자", "숨진", "숨지", "숨졌", "목숨을 잃", "죽은", "사살", "유해",
        "희생됐", "희생된", "희생자", "희생당", "희생이",
    ),
    "wounded": ("부상", "부상자", "다친", "다쳤", "다치"),
    "captured": ("포로", "생포", "붙잡", "억류", "포획", "사로잡"),
    "deployed": (
        "파병", "파견", "병력", "배치", "군인", "병사", "보낸", "보냈", "보내", "보내졌", "건너간", "건너갔", "넘어간",
        "넘어갔", "와 있", "들어와", "들어왔", "머무", "남아 있", "주둔", "규모", "투입", "이동", "도착", "있는",
        "있으며", "있다고", "쓰고", "러시아 내", "러시아에 있", "쿠르스크에 있",
        # troops there doing something: "싸운 북한군 1만1천 명", "1만 명이 훈련 중", "현지엔 1만1천명"
        "싸운", "싸우는", "싸우고", "싸워", "전투 중", "교전 중", "작전 중", "훈련 중", "훈련을 받", "훈련받",
        "전투를 벌이", "전투를 벌인", "현지에", "현지엔", "남아",
    ),
}  # fmt: skip

SUBJECTS: dict[str, tuple[str, ...]] = {
    "dprk_troops_russia": (
        r"북한\s?군(?!\s?유해)",
        r"北\s?軍",
        r"북한\s?(?:병력|군인|병사|장병|전투\s?병력|파병군|측)",
        r"파병\s?북한군|파병군|北\s?파병군",
        r"북한(?!\s?(?:노동자|근로자|주민|당국|매체|외무성|내부|전문가|인권)|(?:에|으로)\s돌아)",
        r"北(?!\s?(?:노동자|매체))",
        r"김정은",
    ),
    "russia_troops": (
        r"러시아\s?군(?!\s?(?:포로|과\s함께))",
        r"러시아\s?(?:병력|군인|병사|측\s사상자|측)",
        r"러시아(?:가|는)(?=\s(?:\S+\s){0,4}?(?:잃|손실))",
        r"러군|러\s?측",
        r"(?<![가-힣])러(?=\s?(?:사상자|전사자|병력|손실|군\s))",
    ),
}
OTHER_SUBJECTS: dict[str, tuple[str, ...]] = {
    "ukraine": (
        r"우크라이나\s?군(?!\s?총참모부|\s?특수작전군)(?:의|이|은|은|을)?",
        r"우크라\s?군",
        r"자국군",
    ),
    "south_korea": (r"한국\s?군", r"국군", r"우리\s군(?!\s?당국)"),
    "united_states": (r"주한\s?미군", r"미군(?!\s고위)"),
    "other_country": (r"프랑스군", r"유럽"),
    "workers": (r"노동자", r"근로자", r"건설\s?(?:인력|부대|병력)", r"노동력"),
    "returnees": (r"귀환", r"돌아가", r"돌아간", r"고향으로", r"다시\s전선", r"귀국(?:한|했|해|하|시)"),
    "swap": (r"포로\s?교환", r"맞교환", r"교환\s?명단"),
    "remains": (r"6·25",),
    "recruits": (r"자원해서", r"계약을\s맺"),
}

SOURCES: dict[str, tuple[str, ...]] = {
    "NIS": (
        r"국가정보원장?",
        r"국정원장?",
        r"(?:국회\s)?정보위원회",
        r"(?:국회\s)?정보위(?!원)",
        r"(?:국회\s)?정보위원장",
        r"이성권",
        r"박선원",
        r"김병기",
        r"이종석\s국가정보원장",
        r"한국\s국가정보원",
    ),
    "South Korea": (
        r"합동참모본부",
        r"합참",
        r"(?<![미러영英美露])(?<![英美露]\s)국방부(?!\s?유해)",
        r"대통령실",
        r"외교부",
        r"군\s?당국",
        # "우리 군" is the outlet's country's army, not a quoted foreign speaker's ("... 우리 군이 생포했다"고)
        r"우리\s군(?![^\"“”]*[\"”]\s?(?:고|라고|며|이라))",
        r"한국\s정부",
        r"정부(?=는|가)",
        # South Korea's unnamed officials ("정부 소식통", "군 관계자"); "대북 소식통" names no government
        r"(?<![가-힣])(?:정부|군|외교|안보)\s?(?:소식통|관계자|당국자|고위\s관계자)",
        r"전하규",
        r"유용원",
    ),
    "Ukraine": (
        r"우크라이나\s?(?:국방부(?:\s정보총국)?|정보총국|국방정보총?국장?|군\s?총참모부|총참모부|정보\s?당국|당국|대통령|"
        r"정부|측|보안국|특수작전군|군\s?총사령관|외무부)",
        r"우크라이나(?=\s?\"|는\s)",
        r"우크라(?:이나)?(?=\s?(?:측\s)?(?:집계|추산|추정|발표))",
        # the army as the topic of a statement ("우크라이나군은 ... 밝혔다"), not as the actor ("우크라이나군이 생포")
        r"우크라(?:이나)?\s?군(?=(?:은|는)\s[^.]{0,80}?(?:밝혔|주장했|발표했|전했|말했))",
        r"우크라(?:\s정보총국)?(?=\s?\"|\s정보총국)",
        r"(?:국방)?정보총국장?",
        r"총참모부",
        r"젤렌스키",
        r"부다노[프우]",
        r"시르스키",
        r"특수작전군",
    ),
    "United States": (
        r"미(?:국)?\s?국방부",
        r"美(?=\s?[\"“])",
        r"美\s?국방(?:장관|부)",
        r"미(?:국)?\s?국무부",
        r"미(?:국)?\s?국방장관",
        r"미국\s?(?:정보\s?당국(?:자들?)?|정부|당국자|관리)",
        r"미\s?(?:정보\s?당국(?:자들?)?|당국자|관리)",
        r"펜타곤",
        r"백악관",
        r"커비",
        r"오스틴",
        r"블링컨",
        r"파텔",
        r"미군\s고위\s관계자",
    ),
    "United Kingdom": (
        r"영국\s?(?:국방부(?:\s산하\s국방정보국)?|국방정보국|정보\s?당국|군\s참모총장|국방장관)",
        r"국방정보국(?!장)",
        r"英(?=\s?[\"“])",
        r"英\s?(?:국방부|국방정보국|국방장관|정보\s?당국)",
        r"라다킨",
        r"힐리",
    ),
    "Russia": (
        r"크렘린",
        r"페스코프",
        r"러시아\s?(?:국방부|외무부|국방장관)",
        r"쇼이구",
        r"자하로바",
        r"게라시모프",
        r"메드베데프",
    ),
    "North Korea": (
        r"조선중앙통신",
        r"노동신문",
        r"김정은(?=\s(?:국무위원장|위원장)은)",
        r"북한\s?(?:매체|당국)",
    ),
    "NATO": (r"나토", r"북대서양조약기구", r"NATO"),
    "Western officials": (r"서방\s?(?:당국자들?|정보\s?당국|관계자들?|측|정보기관)",),
    # other governments, by country and body or title ("하야시 요시마사 일본 관방장관은")
    "Japan": (r"일본\s?(?:정부|관방장관|방위성|방위상|외무성|외무상|총리|정보당국)",),
    "Germany": (r"독일\s?(?:정부|국방장관|국방부|외무장관|외무부|총리|연방정보국|정보당국)",),
    "France": (r"프랑스\s?(?:정부|대통령|국방장관|국방부|외무장관|외무부)",),
    "Estonia": (r"에스토니아\s?(?:정부|정보당국|국방부|국방군|해외정보청)",),
    "Lithuania": (r"리투아니아\s?(?:정부|정보당국|국방부)",),
    "Poland": (r"폴란드\s?(?:정부|국방장관|국방부|외무장관|외무부|대통령)",),
    "CSIS": (r"CSIS", r"전략국제문제연구소"),
    "ISW": (r"ISW", r"전쟁연구소"),
    "The Economist": (r"이코노미스트",),
}
RELAYS = {"NIS": (r"(?:국회\s)?(?:\S+\s)?의원(?:들)?",)}
# A point in time right after a speaking source ("국정원은 지난 13일 ... 보고했다", "총참모부는 지난주 ... 밝혔다") dates
# the statement, not the count; a span ("지난 하루 동안", "12월 한 달") still bounds it.
STATEMENT_TIME_BEFORE = (
    r"(?:"
    + "|".join(p for patterns in (*SOURCES.values(), *RELAYS.values()) for p in patterns)
    + r")(?:\s?[가-힣]{1,6})?(?:은|는|이|가)\s$"
)
SPEECH_VERBS = (
    r"밝혔|밝힌|밝히|전했|전한|말했|말한|보고했|보고한|보고|추산|추정|파악|분석|주장|평가|발표|집계|설명|덧붙였|알렸|"
    r"적었|올렸|공표|확인|판단|내다봤|보고\s있|봤|본다|잡았|잡고|인용"
)
ANONYMOUS_SPEAKERS = (
    r"(?:외신(?:들)?(?:이|은|에)?(?=\s|$)|(?:대북|현지|북한\s내부)\s?소식통|알려졌|알려진|알려져|전해졌|전해진|관측도\s나|보도가\s나|분석이\s나|의혹이|것으로\s전해|"
    r"(?:연합뉴스|로이터|AP|AFP|미디어조나|메디아조나|BBC)(?:는|가|통신은)\s(?!\S+\s(?:당국자|관계자))"
    # an agentless passive in the present closing the sentence: the outlet's own reckoning ("1만1천여 명 규모로
    # 추산된다"); the past ("약 600명으로 추산됐다") reports the estimate of the briefing just told
    r"|(?:추산|추정)(?:된다|되고\s있다)[.\s]*$)"
)
# The agent of a relative clause of disclosure owns the count it holds or names: "북한이 표창 수여식에서 드러낸
# 전사자를 350명", "외신이 200명 안팎으로 보도한 사망자 수".
_DISCLOSED = r"(?:드러낸|공개한|발표한|인정한|밝힌|보도한|내놓은|제시한|전한|파악한|추산한|집계한)"
CLAIM_AGENT = (
    r"(?<![가-힣A-Za-z北美英露])(?P<who>[가-힣A-Za-z北美英露]+?)(?:(?:이|가)\s(?:[^.,\"“”]{0,40}?"
    + _DISCLOSED
    # (up to the last count of a list it heads: "X가 파악한 ... 전사자는 400여 명, 부상자는 3천600여 명이라고")
    + r"(?:\s[^\s.,\"“”]+){0,2}?\s(?=\d)(?:\d[^\s.,\"“”]*\s(?:[^\s.,\"“”]+\s){0,5}?(?=[\d천만백억]+\s?(?:여\s?)?명))?(?:[\d천만백억]+\s?(?:여\s?)?명?(?:가량|정도)?,\s(?:[^\s.,\"“”]+\s){0,2}?(?=\d))*"
    + r"|(?:[^\s.,\"“”]+\s){0,3}?(?=\d[^.,\"“”]{0,20}?"
    + _DISCLOSED
    + r"\s))"
    # a headline's noun form, without particles: "北 공개 350명의 6배", "우크라 주장 3천명"
    r"|\s(?:공개|발표|인정|주장)\s(?=\d))"
)
HISTORY_BEFORE = "|".join(
    (
        r"(?:당시|기존|이전|종전|며칠\s전까지)\b[^.]{0,40}$",
        # "합참이 처음 피해 규모를 내놓은 지난해 12월에는 1천100여 명": the initial estimate
        r"처음\s(?:\S+\s){0,3}?(?:내놓은|밝힌|발표한|공개한|보고한|제시한|추산한)\s[^.]{0,40}$",
        # "지난 4월 보고 때": the briefing's moment, named as a past occasion
        r"지난\s\d{1,2}월(?:\s?(?:초|중순|하순|말))?\s(?:\S+\s){0,2}?(?:보고|발표|브리핑)\s?(?:때|당시)[^.]{0,30}$",
        # "지난주까지만 해도 ... 7천 명으로 봤다": as recently as then, so no longer
        r"(?:까지만|전만|때만|초만)\s?해도\b[^.]{0,60}$",
        r"잘못\s?(?:적었|기재|보도)[^.]{0,40}$",
        r"(?:바로잡습니다|정정)[^.]{0,60}(?:을|를)\s$",
    )
)
HISTORY_AFTER = (
    # "1천여 명에서 불어난": up from; "1천100여 명보다 늘어난" likewise, but "... 밝힌 1천100여 명보다 훨씬 많은
    # 수치다" compares with another source's count, which stands
    r"^\s?(?:여\s?)?명?(?:과|와)\s(?:비교|견주)"  # "3천여 명과 비교하면": compared with
    r"|^" + COUNTER + r"['’\"]?\s?(?:에서\s|보다\s(?=(?:\S+\s)?(?:늘|불어|증가|급증|크게\s늘)))"
    r"|^[^.]{0,30}?(?:봤던|보던|했었|였었|보고했던|파악했었|잘못\s적었)"
    # "밝힌 바 있으나/있는데, (이후 ... 올려 잡았다)": an earlier claim the sentence goes on to overturn
    r"|^[^.]{0,30}?바\s있(?:으나|지만|는데|었으나|었지만|었는데|$)"
    r"|^[^.]{0,12}?수준으로\s보던"
    # a correction's wrong value: "'2천500여 명'으로 적었으나 '2천700여 명'이 맞기에"
    r"|^\s?(?:여\s?)?명?['’\"”]?\s?(?:으로|로)\s(?:잘못\s)?(?:적었|썼|표기했|기재했)(?:으나|지만|는데|다|습니다)"
    # the headline of the article being corrected or cited: "14일 자 '北 파병군 사상자 3천명 넘어' 기사에서"
    r"|^[^.'’\"”]{0,25}?['’\"”]{1,2}\s?(?:제목의\s|제하의?\s)?기사(?:에서|는|를|의)"
    # a mark crossed for the first time, told as news about the estimate: "추정치가 1만 명 선을 넘은 것은 처음이다"
    r"|^\s?(?:여\s?)?명?\s?선(?:을|이)\s(?:처음(?:으로)?\s)?(?:넘|돌파)[^.]{0,12}?(?:것은|것이|건)\s(?:이번이\s)?처음"
)
# A claim told as given before: history when the same source gives another value for the series in the text
# (the newer one supersedes it), else its latest known estimate, which stands ("국정원은 지난 4월 ... 1만5천 명을
# 보낸 것으로 보고한 바 있다" with no newer NIS count; but "지난 4월 보고한 전사자는 최소 600명 수준이었지만,
# 지금은 2천여 명으로 추산한다").
PAST_MARKER = (
    r"처음\s확인할\s당시|당시"
    r"|바\s있(?:다|었다|습니다)"
    # a past state in the past tense right after the count: "사망자는 600명 수준이었다", "집계는 86만여 명이었다"
    r"|[\d천만백억]\s?(?:여\s?)?명?\s?(?:수준|정도|선|가량)?(?:이었|였)(?:다|으며|고|는데|지만|으나)"
    # a past date as a contrastive topic: "지난달 19일에는 사망 100명 이상 ...", "지난해 12월에는 1천100여 명"
    r"|지난\s?(?:달|해|\d{1,2}월)\s?(?:\d{1,2}월\s?)?(?:[1-3]?\d일\s?)?(?:에는|엔)\s"
    r"|지난\s?(?:해\s|\d{1,2}월\s?(?:초|중순|하순|말)?\s|달\s)(?:\S+\s){0,2}?(?:보고|발표|공개|제시|밝힌|밝혔던|내놓은|내놓았던)(?:한|했던|\s)?"
)
NOT_YET_AFTER = (
    r"^(?:(?!보낸|보냈|파병한|파견한|배치된|도착한)[^.]){0,40}?(?:보내기로|보낼\s(?:것|계획|예정)|보낼\s수|파병하기로|파견하기로|넘어설\s것|넘을\s것|이를\s것|"
    r"도달할|늘어날\s수|이를\s수|예정|계획이|전망|내다봤|예상|넘을까|더\s보낼|마무리될|모을\s수|보낸다면|더\s보낸다면|"
    r"보낸다|보내기로|(?:투입|파병|파견|배치|이동|증원|도착)될\s?(?:것|예정|계획|수))"
)
# A deadline ahead makes the count a forecast: "연말까지 1만명 규모 될 듯"; so does a plan or an agreement named
# before the count ("보내기로 한 6천 명 가운데", "파병 계획 병력 6천 명", "보낼 예정인 병력 3천 명").
NOT_YET_BEFORE = (
    r"(?:(?:연말|연내|내년|연초|다음\s?달|다음\s?주|올해\s안|이달\s안|조만간)(?:까지|께|에는|엔)?"
    r"|(?:보내|파병하|파견하|투입하|배치하|증원하)기로\s(?:한|합의한|결정한|약속한)"
    r"|(?:보낼|파병할|파견할|투입할|배치할)\s(?:예정인|계획인|것으로\s알려진)"
    r"|(?:파병|파견|증원)\s계획(?:\s\(?병력\)?)?)\s(?:\S+\s){0,2}?" + Q + r"$"
)
NOT_A_REPORT = (
    r"\?[\"'”’)]*\s*$|^[\"'“‘]?(?:만약|만일)\b"
    r"|(?:서|어|나|되|르|늘|넘|섰|갈|올|할|될|을|일|를)(?:나|까)[\"'”’)]*\s*$"
)
INCREMENT_BEFORE = (
    r"(?:추가로|추가|증원|새로|더)\s(?:\S+\s){0,2}?" + Q + r"$|\+\s*$|[+]\d*$"
    # one batch of a deployment, and its parts: "3차 파병 6천명 중 공병 1천명"
    r"|\d\s?차\s(?:파병|파견|수송|증원|병력)(?:\s\S+){0,3}?\s" + Q + r"$"
)
INCREMENT_AFTER = (
    r"^[^.…,\"“”]{0,25}?(?:추가로|추가\s?병력|추가\s?파병|증원|더\s(?:보내|보낸|보냈|파병|파견|투입)|별도|더\s늘)"
    r"|^\s?(?:여\s?)?명(?:가량|이)?\s?(?:늘어난|늘었|불어난|증가|급증)"
    # a difference between two counts: "영국 추정보다 5만 명가량 많다"
    r"|^\s?(?:여\s?)?명?\s?(?:가량|정도|쯤|이상)?\s?(?:더\s)?(?:많|적)(?:다|습니다|은|고|아|았|게)"
    r"|^[^.…,]{0,20}?(?:이미\s현지에\s도착)"
    # one batch, told by when it went: "전투원 2천500명이 파견될 때 함께 건너간"
    r"|^\s?(?:여\s?)?명?(?:이|가)?\s(?:러시아에\s|러시아로\s)?(?:파견|파병|투입|배치|이동)(?:될|됐을|되던|된)\s?(?:때|당시|무렵)"
)
DEPLOYMENT_CONTEXT = (
    r"파병|파견|보낸|보냈|보내|건너|넘어|배치|옮겨|주둔|와\s있|들어와|들어왔|머무|남아\s있|투입|이동|도착|러시아에|러시아로|"
    r"러시아\s내|쿠르스크에|규모|모두|총|합계|현재|병력|"
    r"싸운|싸우|(?:전투|교전|작전|훈련)\s중|훈련(?:을\s)?받|전투를\s벌|현지(?:에|엔)"
)
RATE_NEAR = r"^" + COUNTER + r"\s?꼴" + r"|^[^.]{0,12}?(?:씩|매일|하루에\s평균)"
RATE_BEFORE = (
    r"(?:하루|매일|매달|한\s?달|월|일)\s?평균(?:으로(?:는|\s치면)?)?\s?(?:\S+\s){0,2}?" + Q + r"$"
    r"|(?<!전날\s)(?<!지난\s)(?<!최근\s)(?<!일\s)(?:하루|매일)\s(?!(?:동안|만에))" + Q + r"$"
    # "하루 사상자를 300~600명 정도로": a day's count in general, not a day's
    r"|(?<!전날\s)(?<!지난\s)(?<!최근\s)(?:하루|일일|일평균)\s?(?:사상자|전사자|사망자|손실)(?:는|가|를|을|도|만)?\s"
    + Q
    + r"$"
)
COMBINED = (
    r"(?:러시아군과\s북한군|북한군과\s러시아군|양국을\s합친|양측|북한군을\s포함해|"
    r"(?:러시아|러|북한|북)\s?[·ㆍ]\s?(?:러시아|러|북한|북)\s?(?:혼성|연합|합동)|혼성\s?부대)"
)
REGIONAL = r"(?:\S+\s방면에서만|\S+\s방면에서|\S+\s전선에서만)"
EQUIPMENT_BEFORE = (
    r"(?:전차|장갑차|포\s?시스템|포|무인기|드론|미사일|순항미사일|헬기|군용기|견인포|방사포|자주포)\s?$"
)
CLAUSE_BREAKS = (
    r"[;:\[\]]|\((?<!수치\()(?<!추정치\()(?<!집계\()|,\s|·|…|—|―|\s-\s|▲|◇|"
    r"(?:했|였|됐|었|았|졌|왔|갔|렸|혔|겼|쳤|켰|섰|냈|줬|봤|났|웠|갖|이|지|치|하|되|나)고\s|(?:으)?며\s|면서\s|지만\s|는데\s|"
    r"(?<=명)\s?(?:가운데|중에서|중)\s|(?<=[0-9천만])\s?(?:명\s)?(?:가운데|중)\s"
)
_MONTH = r"(?P<month>1[0-2]|[1-9])"
_YEAR = r"(?:(?P<year>20\d\d)년\s?)?"
# A point in time followed by what befell people then bounds the count, even right after a speaking source
# ("총참모부는 전날 러시아군 1천100명이 전투력을 잃었다고 밝혔다"): finite verbs only, as an adnominal ("죽거나 다친
# 북한군을 3천 명으로") describes a running total.
_LOSS_FOLLOWS = (
    r"(?=\s[^.]{0,40}?(?:숨졌|숨지고|숨지거나|숨져|사망했|전사했|잃었|잃어|잃고|다쳤|다쳐|사살했|사상자를\s냈|"
    r"(?:숨진|다친|잃은|사망한|전사한)\s것|사상자가\s(?:발생했|났)|손실(?:이|을)\s(?:냈|봤|입었|발생했|났)))"
)
PERIODS = (
    ("past", r"(?P<alone>(?:지난|만|최근)\s(?P<unit>하루|24시간)\s?(?:동안|사이|새)?(?:에만)?)"),
    # "하루 동안 1천 명을 잃었다", "24시간 사이": a day's count even without "지난"
    ("past", r"(?<![가-힣\d])(?P<alone>(?P<unit>하루|24시간)\s?(?:동안|사이|새)(?:에만)?)"),
    ("this", r"(?P<alone>이번\s?(?P<unit>주))(?:\s?(?:들어|동안|에만))?"),
    (
        "past",
        r"(?P<alone>(?:지난|최근)\s(?P<n>\d{1,2}|이틀|사흘|나흘|닷새|엿새|이레|열흘)\s?(?P<unit>일|시간)?\s?"
        r"(?:동안|사이|간))",
    ),
    (
        "past",
        r"(?P<alone>(?:지난|최근)\s(?P<n>\d{1,2})?\s?(?P<unit>일주일|한\s?주|주)\s?(?:동안|사이|간|새))",
    ),
    ("yesterday", r"(?P<alone>전날)" + _LOSS_FOLLOWS),
    ("monthday", r"지난\s(?P<day>[1-3]?\d)(?P<alone>일)" + _LOSS_FOLLOWS),
    ("lastweek", r"(?P<alone>지난\s?주)" + _LOSS_FOLLOWS),
    ("yesterday", r"전날(?P<alone>\s하루(?:에만|\s동안|만)?|에만|만)?(?:에)?"),
    (
        "monthday",
        r"지난\s(?P<day>[1-3]?\d)일(?!\s?(?:기준|까지|현재))(?P<alone>\s하루(?:에만|\s동안|만)?|에만)?",
    ),
    ("monthday", r"(?<![\d월])(?P<day>[1-3]?\d)일(?P<alone>\s하루(?:에만|\s동안|만)?)"),
    ("day", _YEAR + _MONTH + r"월\s(?P<day>[1-3]?\d)\s?[~∼-]\s?(?P<day2>[1-3]?\d)(?P<alone>일)"),
    ("between", _YEAR + r"(?P<month>1[0-2]|[1-9])\s?[~∼-]\s?(?P<month2>1[0-2]|[1-9])(?P<alone>월)"),
    ("quarter", r"(?:(?P<year>20\d\d)년\s?|올해\s)?(?P<n>[1-4])\s?(?P<alone>분기)"),
    ("this", r"(?P<alone>올해\s?(?:들어서?|들어\s이날까지))"),
    ("this", r"(?P<alone>이달\s?들어)"),
    # "지난달 국회에 보고한 사망자 추정치": when the source spoke, not what was counted
    (
        "last",
        r"지난\s?(?P<alone>(?P<unit>달|해))(?!\s?\d{1,2}월|\s?[1-3]?\d일)"
        r"(?!\s?(?:말\s)?(?:국회|정보위|브리핑|기자회견|회견|인터뷰|보고서|성명|발표|공개))",
    ),
    ("lastweek", r"지난\s?주(?P<alone>\s?한\s주\s동안|에만|\s한\s(?:전투|교전)에서만)?"),
    (
        "month",
        r"(?:지난\s?해\s|지난해\s|올해\s|지난\s)?"
        + _YEAR
        + _MONTH
        + r"월\s?(?P<alone>한\s?달(?:\s?(?:동안|간|새|사이))?|동안|간|에만|중에만)",
    ),
    ("month", r"(?:지난\s?해\s|지난해\s|올해\s|지난\s)?" + _YEAR + _MONTH + r"월(?P<alone>에|의)\s"),
    ("month", r"^in\s" + _YEAR + _MONTH + r"월\s*$"),
    # a bare "지난 2월" bounds a count only of what befell people then ("지난 2월 러시아군 2만9천 명이 죽거나 다쳤다");
    # otherwise it dates a statement ("국정원은 지난 4월 정보위에 ... 보고했다")
    (
        "month",
        r"지난\s" + _MONTH + r"(?P<alone>월)" + _LOSS_FOLLOWS,
    ),
    ("year", r"(?P<year>20\d\d)년\s?(?P<alone>한\s해\s동안|한\s해|동안|에만|중에|에)"),
    (
        "event",
        r"(?P<alone>한\s주\s동안|한\s번의\s공격|(?:지휘|공격)\s?시설을\s타격했을\s때|작전을\s벌이는\s동안|첫\s달)",
    ),
    # a stretch counted in months, weeks or days ("석 달 동안 ... 9명이 희생됐다", "3개월 동안 전사한", "120일간"),
    # but not the stretch since the sending or the war began
    (
        "event",
        r"(?<!지난\s)(?<!최근\s)(?<!이후\s)(?<!파병\s)(?<!개전\s)(?<!월\s)"
        r"(?P<alone>(?:석|넉|두|세|네|다섯|여섯|\d{1,3})\s?(?:달|개월|주일?|일)\s?(?:동안|간|사이))(?!\s?(?:전|뒤|후))",
    ),
    # one small unit's losses: "북한군 한 대대에서만 병사 30여 명이 숨졌다"
    ("event", r"(?P<alone>(?:한|1개|일개)\s?(?:연대|대대|중대|소대|분대)(?:에서만|에서|에만|만))"),
    # a tracker row or column of one month's count: "사상자(한 달)", "월간 사상자"
    ("event", r"(?P<alone>\(\s?(?:한\s?달|월간|월별)\s?\)|(?<![가-힣])월간(?=\s?(?:사상자|손실|피해|집계)))"),
)
CUMULATIVE = (
    r"개전\s?(?:이후|뒤|후)(?!\s?(?:월간|월별로?는?|주간|하루|일일|단일)?\s?(?:최대|최고|최다|최악|가장|두\s?번째))|누적|전쟁이\s시작된\s(?:뒤|후|이후)|침공(?:한)?\s?(?:이후|뒤|후|부터)|파병\s이후|"
    r"지금까지|현재까지|오늘까지|\d{1,2}일\s?(?:현재|까지)|기준|전면\s침공|2022년\s2월\s24일|2022년\s2월\s?(?:이후|부터)|"
    r"\d{1,2}월\s현재|이후\s\d{4}년\s말까지"
)

TABLE_COLUMNS = {
    "source": r"^(?:출처|(?:발표|추정)?\s?(?:기관|주체)|누가)$",
    "date": r"^(?:발표일|발표\s?시점|날짜|기준(?:\s?시점|일)?|일자|시점)$",
    "period": r"^(?:월|기간|연도|주|연월)$",
    "what": r"^(?:항목|구분|내용|분류|무엇)$",
    "rate": r"(?:하루\s?평균|대비|일평균|월평균)",
    "note": r"^(?:비고|메모|참고)$",
}

LEXICON = Lexicon(
    language="ko",
    compound_scales={"억": 100_000_000, "만": 10_000, "천": 1_000, "백": 100},
    # Native numerals count a few people: "북한 병사 두 명을 생포"; only before a people noun ("한 달", "세 배"
    # are no counts), which `small_word_limit` makes the machinery check.
    small_word_limit=11,
    count_after_year=r"\s?(?:여\s?)?명",
    not_count_before=(
        r"(?:[$€£₩¥]|(?<![가-힣])제|No\.\s?|KN-|SA-|화성-|Su-|MiG-|분의|[가-힣]\((?<!수치\()(?<!추정치\()(?<!집계\())\s?$"
    ),
    not_count_after=(
        r"^(?:\s?(?:여\s?)?(?:년|월|일|세|살|인당|명당|%|퍼센트|㎜|mm|km|㎞|㎢|m\b|개|대|문|발|척|기|곳|개국|차례|배|가구|구|점|달러|원|루블|"
        r"차|번째|분의|시간|주년|주|개월|면|여단|군단|사단|연대|형|호|층|조|억|만\s?원|천\s?원|위|등|년도|일째|회|건|"
        r"종|편|장|쪽|마리|채|량|톤|t\b|명?\s?시대|명의\s(?:초상|영정|사진|얼굴|묘|무덤|위패|유가족|유족|가족))|시(?:[에부까쯤경께]|\b)|\s?[~∼-]\s?\d{1,3}\s?(?:월|일|년|차|주|개월|시|대|세|살|시간|분|㎜|km|㎞|%)|·\d|\.\d|:\d|/\d)"
    ),
    vague_before=r"(?:수|몇|수십|수백|수천|수만|수십만)\s?$",
    # "1만~1만2천 명", "1만명에서 1만2000명 정도"; but "300명에서 4천명으로 늘었다" is a change
    range_joiners=r"\s?(?:여\s?)?(?:명\s?)?(?:[~∼-]|에서)\s?",
    range_change_after=r"\s?(?:여\s?)?명?\s?(?:으로|로)\s(?:\S+\s)?(?:늘|증가|불어|급증|줄|감소|상향|하향|올라|올렸|뛰)",
    range_between=r"(?!)",
    range_between_gap=r"(?!)",
    range_or=r"(?!)",
    qualifiers_before=QUALIFIERS_BEFORE,
    qualifier_fillers=r"(?!)",
    qualifiers_after=(
        ("more_than", r"^\s?여"),
        (
            "more_than",
            r"^"
            + COUNTER
            + r"\s?(?:선을\s|을\s|를\s|이\s|가\s)?(?:훌쩍\s)?(?:이상|넘는|넘어|넘었|넘은|넘게|넘기|넘으|"
            r"넘어선|넘어섰|넘어서|돌파|초과|웃돌|웃도|웃돈|상회|남짓)",
        ),
        ("at_most", r"^" + COUNTER + r"\s?(?:에\s)?(?:가까이|육박|가까운|가깝|가까울|가까워|가까웠)"),
        (
            "less_than",
            r"^"
            + COUNTER
            + r"\s?(?:미만|이하|밑돌|밑도|밑돈|하회|에\s?(?:약간\s)?못\s?미치|에\s?(?:약간\s)?못\s?미쳤)",
        ),
        ("approx", r"^\s?(?:여\s?)?명?\s?(?:가량|정도|안팎|내외|쯤|수준)"),
        # a headline's "estimated 790,000": the noun after the count, not the verb "추정했다"
        ("approx", r"^" + COUNTER + r"\s?(?:으로\s)?추정(?!했|한다|하|된다|됐|돼)"),
    ),
    people_nouns=(
        "명",
        "여명",
        "병력",
        "장병",
        "군인",
        "병사",
        "사상자",
        "전사자",
        "사망자",
        "부상자",
        "포로",
    ),
    count_modifiers=("여", "약", "총"),
    thing_nouns=(
        "개",
        "대",
        "문",
        "발",
        "척",
        "기",
        "곳",
        "개국",
        "차례",
        "배",
        "가구",
        "구",
        "점",
        "여단",
        "군단",
        "전차",
        "장갑차",
        "포",
        "무인기",
        "드론",
        "미사일",
        "순항미사일",
        "헬기",
        "군용기",
        "견인포",
        "포로교환",
    ),  # fmt: skip
    word_suffix=r"(?:가량|정도|안팎|내외|쯤|꼴|씩)?(?:으로서|으로는|으로도|으로|로는|로도|로|에서는|에서|에게|에는|에도|에만|"
    r"에|이라고|라고|이며|이고|이다|이나|이란|은|는|이|가|을|를|의|와|과|도|만|까지|부터|나)",
    term_tail=r"\w*",
    generic_people=("주민", "민간인", "시민"),
    metrics=METRICS,
    subjects=SUBJECTS,
    other_subjects=OTHER_SUBJECTS,
    sources=SOURCES,
    relays=RELAYS,
    capitals={"서울": "South Korea", "키이우": "Ukraine", "워싱턴": "United States", "모스크바": "Russia"},
    speech_verbs=SPEECH_VERBS,
    speaker_after=r"^(?:장|측|대변인|관계자|고위\s관계자)?(?:은|는|이|가|도|으로부터|로부터|에\s따르면|에\s의하면|의\s집계|"
    r"의\s분석|의\s최신|을\s인용해|를\s인용해|\s?\"|\s(?:보고|분석|집계|발표|추산|추정|\")|\s*[\"“]|,\s)",
    attribution_next=r"^[^.]{0,160}?(?:이렇게|이같이|이\s같이)\s(?:말했|밝혔|전했|설명했|강조했|보고했)",
    headline_attribution=r"(?:…|\s[-–—]\s)\s*(?P<who>[^…\"“]{2,30}?)\s*[\"“]|^\W*(?:\[\S+\]\s)?(?P<kicker>[^\s\"“]{2,20}(?:\s\S{2,10})?)\s?[\"“]",
    anonymous_speakers=ANONYMOUS_SPEAKERS,
    claim_agent=CLAIM_AGENT,
    predicate_metric=(
        r"숨(?:졌|진|지|져)|(?:사망|전사|생포|억류)(?:했|한|하|됐|된|되|돼)|다(?:쳤|친|치|쳐)|부상(?:을\s입|당)|"
        r"붙잡(?:혔|힌|히|았|은)|사로잡|목숨을\s잃|포로로\s(?:잡|붙)"
    ),
    # "사망자와 부상자를 각각 300여 명, 2천700여 명으로", "전사자와 부상자 수가 각각 ...": in that order
    respectively=(
        r"(?P<first>[가-힣]+?)(?:와|과|\s?및)\s(?P<second>[가-힣]+?)(?:\s?수)?(?:를|을|가|이|는|은|도)?\s"
        r"(?:[^\s\d]+\s){0,2}?각각\s"
    ),
    # a correction's right value counts what its wrong one did: "부상자 수를 '2천500여 명'으로 적었으나 '2천700여
    # 명'이 맞기에"
    restated=r"\s?(?:여\s?)?명?['’\"”]?\s?(?:으로|로)\s(?:잘못\s)?(?:적었|썼|표기했|기재했)(?:으나|지만|는데)\s['‘\"“]?$",
    not_speaker_before=r"(?:보다|과\s달리|와\s달리)\s?$",
    speaker_breaks=r";|\s[—–]\s|…|,\s(?=\S+(?:는|은)\s)",
    clause_breaks=CLAUSE_BREAKS,
    history_before=HISTORY_BEFORE,
    history_after=HISTORY_AFTER,
    history_sentence=r"^\W*(?:바로잡습니다|정정합니다)(?=[^.]*잘못)(?![^.]*바로잡습니다\.?$)",
    not_yet_before=NOT_YET_BEFORE,
    not_yet_after=NOT_YET_AFTER,
    not_a_report=NOT_A_REPORT,
    increment_before=INCREMENT_BEFORE,
    increment_after=INCREMENT_AFTER,
    deployment_context=DEPLOYMENT_CONTEXT,
    sending_before=r"(?:보낸|보냈|파병한|파견한)\s$",
    rate_near=RATE_NEAR,
    rate_before=RATE_BEFORE,
    combined=COMBINED,
    # Soldiers who went home are no longer the deployment ("2천여 명이 ... 귀국한 뒤 격리").
    # ... nor is a soldier caught who then died of his wounds a prisoner ("1명을 붙잡았으나 ... 이튿날 숨졌다").
    not_troops_context=r"귀국(?:한|했|해|하|시)|(?:본국|북한|고향)으로\s(?:돌아간|돌아갔|돌아와|귀환)"
    r"|(?:붙잡|생포)[^.]{0,12}?(?:으나|지만|는데)\s[^.]{0,40}?(?:숨졌|숨진|사망했|사망한)"
    # ... nor are wounded back on duty ("부상자 가운데 300여 명은 치료를 마치고 다시 전선에 섰다")
    r"|(?:다시|재)\s?(?:전선|전장|부대|최전선)(?:에|으로|로)\s?(?:섰|서|복귀|투입|돌아)|(?:전선|원대|부대)\s?복귀"
    r"|치료를\s(?:마|끝)|완치(?:된|돼|됐|해)",  # ("마치고" ends the clause at "치고")
    regional=REGIONAL,
    equipment_before=EQUIPMENT_BEFORE,
    # An army's or a formation's own strength, not troops sent: "폭풍군단은 10개 여단, 병력 4만2천 명 규모".
    standing_force_before=(
        r"(?:(?:상비\s?병력|전체\s병력|총\s병력|부대원)(?:\s규모)?(?:은|는|이|가)?\s"
        # (not Ukraine's special forces reporting what they did to North Korean troops)
        r"|(?<!우크라이나\s)(?<!우크라\s)(?:군단|사단|특수작전군)(?:은|는)\s(?:(?!북한군|러시아군)[^.]){0,30}?"
        r"(?:병력\s)?)" + Q + r"$"
    ),
    back_reference=r"(?:이\s(?:숫자|수치)|규모를|^\W*(?:\S+\s){0,3}?(?:이\s가운데|이\s중|그중|그\s가운데)\s|(?:수치|추정치|집계)\s?\(|포함(?:해|하여|한)\s|(?:집계|추정치|추산치?|수치)(?:는|가|로는|에\s따르면)\s|^\W*이는\s|(?<![가-힣])(?:총|누적)\s(?=\d))",
    day_count=r"하루에만|하루\s동안에만",
    label_gap=r"\s*[:—–-]?\s*" + Q + r"$",
    list_label=r"^\W*(?:\S+\s){0,2}?(?:병력|인원)\s*[:—–-]?\s*" + Q + r"$",
    approximate_list=r"추정치\)",
    subset_before=r"(?:이\s가운데|이\s중|그중|그\s가운데|부상자\s가운데|[\d천만]\s?(?:여\s?)?명\s?(?:가운데|중))\s(?:\S+\s){0,1}?"
    + Q
    + r"$",
    part_total=r"(?!)",
    forward_reference=r"(?!)",
    continuation=r"(?![^;]{0,60}?(?:포함|총\s|누적))[^;]{0,60}?(?:,\s|\s)" + Q,
    not_metrics=(
        "포로 교환",
        "포로를 맞교환",
        "포로수용소",
        "유해발굴",
        "사망률",
        "사상률",
        "손실 비율",
        "인명피해 없",
    ),
    months={str(m): m for m in range(1, 13)},
    quarter_numbers={str(q): q for q in range(1, 5)},
    # Day counts for period phrases ("지난 사흘 동안"), and native numerals that count a few people ("북한 병사 두
    # 명을 생포"): only before a people noun, which `small_word_limit` makes the machinery check ("세 배"); "한" (one)
    # is left out, as it is far more often the verb "did" or "a" ("보내기로 한 6천 명", "한 달").
    units={
        "이틀": 2,
        "사흘": 3,
        "나흘": 4,
        "닷새": 5,
        "엿새": 6,
        "이레": 7,
        "열흘": 10,
        "두": 2,
        "세": 3,
        "네": 4,
        "다섯": 5,
        "여섯": 6,
        "일곱": 7,
        "여덟": 8,
        "아홉": 9,
        "열": 10,
    },  # fmt: skip
    unit_days={"day": 1, "24 hours": 1, "week": 7},
    unit_names={
        "하루": "day",
        "일": "day",
        "24시간": "24 hours",
        "일주일": "week",
        "한 주": "week",
        "한주": "week",
        "주": "week",
        "시간": "hours",
        "달": "month",
        "해": "year",
    },
    periods=PERIODS,
    period_after_clause=False,
    cumulative=CUMULATIVE,
    statement_time_before=STATEMENT_TIME_BEFORE,
    now_marker=r"현재는|지금은|이제|최신|올려\s잡|이날",
    past_marker=PAST_MARKER,
    estimate_object=r"(?!)",
    loss_events=r"숨|사망|전사|잃|다쳤|다친|부상|사살",
    table_columns=TABLE_COLUMNS,
    # A row label or column header that names the sending ("파병 규모", "주둔 병력") keeps the headcount even
    # under a heading about losses ("기관별 북한군 파병·피해 추정").
    deployed_label=r"파병|파견|배치|주둔|보낸|투입|현지\s?병력|러시아\s?내",
    plan_label=r"계획|예정|합의에\s따라",
    # "추가 병력", "+930"; not "사상자(사망+부상)", a sum of kinds
    increment_label=r"추가|증원|\+\s?\d|^\W*\+",
    subject_names={
        "러시아": "russia_troops",
        "러시아군": "russia_troops",
        "북한": "dprk_troops_russia",
        "북한군": "dprk_troops_russia",
    },
    abbreviations=r"(?:\b[A-Z])\.$",
)
