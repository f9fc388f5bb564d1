"""Building blocks of believable practice entries, for the demo data and the benchmark corpus.

Each :class:`Idea` is one kind of practice a force might run; an entry is composed from an idea,
a force, a place in it and a handful of shared sentences (context, implementation, cost,
results by label), so ~200 demo entries and 100,000 benchmark entries read like real write-ups
and search over realistic words. The text is invented; the forces and places are real.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Idea:
    title: str  # may contain {area}
    summary: str  # may contain {area} and {force}
    topics: tuple
    focus: tuple
    targets: tuple
    problem: str  # what prompted it, after "saw"
    aim: str  # after "To"
    measure: str  # what the results count
    what: str  # what was done, one or two sentences
    why: str  # the mechanism
    partners: tuple = field(default=())
    rises: bool = False  # True when success means the measure went up


IDEAS = [
    Idea("Operation Sceptre knife amnesty bins in schools",
         "Secure knife surrender bins at secondary schools in {area}, backed by assemblies and "
         "a week of targeted patrols.",
         ("knife-crime", "serious-violence"), ("prevention",), ("children aged 11 to 16", "schools"),
         "a rise in knife possession offences among 13 to 17 year olds",
         "reduce knife carrying by school-age children", "knife possession offences among under-18s",
         "Surrender bins were placed at the gates of eight secondary schools for a fortnight, with "
         "assemblies led by a youth worker and a mother whose son was stabbed.",
         "Anonymous surrender removes the fear of being caught with a knife, and hearing from "
         "someone affected changes what carrying a knife means to a teenager.",
         ("secondary schools", "Violence Reduction Unit", "youth workers")),
    Idea("Integrated offender management for neighbourhood burglary",
         "A joint police and probation team managing the {area} burglars who commit the most "
         "offences, with a named officer for each.",
         ("burglary", "neighbourhood-policing"), ("reoffending",), ("prolific acquisitive offenders",),
         "a small group of repeat offenders committing a third of residential burglaries",
         "reduce burglary by the most prolific offenders", "residential burglaries",
         "The thirty most prolific burglars were managed jointly by a detective constable and a "
         "probation officer sharing one office, with weekly home visits and fast-tracked drug "
         "treatment.",
         "Offenders are both supported and watched: treatment and housing remove reasons to "
         "offend, while frequent contact makes them believe they will be caught.",
         ("Probation Service", "drug and alcohol services", "housing providers")),
    Idea("Hot spot patrols in the {area} night-time economy",
         "Fifteen-minute visible patrols in the busiest streets on Friday and Saturday nights, "
         "chosen each week from the latest violence data.",
         ("serious-violence", "neighbourhood-policing"), ("prevention",), ("night-time economy visitors",),
         "violence with injury concentrated in a few streets on weekend nights",
         "reduce violence with injury in the night-time economy", "violence with injury",
         "Analysts ranked street segments by weekend violence each Monday; response officers "
         "spent fifteen minutes in each of the top ten at random times between 22:00 and 03:00.",
         "Short, unpredictable visits raise the perceived risk of arrest where violence is most "
         "likely, without the cost of fixed posts (the Koper curve).",
         ("licensed premises", "street pastors", "the local council's CCTV team")),
    Idea("Domestic abuse perpetrator programme after first report",
         "An early intervention for people reported for domestic abuse for the first time, "
         "offered as a condition of a conditional caution.",
         ("domestic-abuse", "violence-against-women-and-girls"), ("reoffending", "diversion"),
         ("domestic abuse perpetrators", "victims of domestic abuse"),
         "one in three domestic abuse perpetrators reported again within a year",
         "stop repeat domestic abuse after a first report", "repeat domestic abuse reports",
         "Perpetrators given a conditional caution attended two one-to-one sessions and a group "
         "course about coercive control, while a support worker stayed in touch with the victim.",
         "Acting at the first report, before the behaviour is entrenched, and tying attendance "
         "to the caution gives the person both a reason and a way to change.",
         ("domestic abuse charities", "Probation Service")),
    Idea("Right Care Right Person for mental health calls",
         "A triage of calls about people in mental health crisis so that the right agency "
         "attends, with police going only where there is a risk to life or a crime.",
         ("mental-health", "call-handling"), ("organisational",), ("people in mental health crisis",),
         "officers spending thousands of hours a year waiting with patients in emergency departments",
         "get people in crisis the right help and release officer time",
         "officer hours spent on mental health calls",
         "Call handlers used a four-question decision tool agreed with the NHS trust; a mental "
         "health nurse in the control room advised on the hardest calls.",
         "A shared decision tool and a clinician in the control room move calls to health "
         "services at the point of contact instead of after an officer attends.",
         ("NHS mental health trust", "ambulance service", "local authority social care")),
    Idea("Missing from care return interviews by a dedicated officer",
         "A single officer carries out every return interview for children who go missing from "
         "care homes in {area}, and shares what they learn with the homes.",
         ("missing-people", "child-exploitation"), ("prevention",), ("children in care",),
         "a handful of children in care accounting for most missing episodes",
         "reduce repeat missing episodes from care homes", "missing episodes from care",
         "One officer interviewed every child returning from a missing episode within 72 hours "
         "and met each care home manager monthly to agree a plan for their most frequent "
         "missing children.",
         "A familiar face earns the trust that makes children say where they went and who they "
         "were with, which reveals exploitation and the places that draw them away.",
         ("children's social care", "private care home providers")),
    Idea("County lines taskforce with rail partners",
         "Joint days of action at railway stations on the routes that lines use to move drugs "
         "and children into {area}.",
         ("county-lines", "child-exploitation", "drugs"), ("investigation", "prevention"),
         ("children criminally exploited by drug networks",),
         "children from the city being found in local trap houses",
         "disrupt county lines and safeguard the children they use", "active county lines",
         "Plain-clothes officers, British Transport Police and rail staff worked the stations on "
         "two known routes one day a week; every child found was referred to a youth worker.",
         "Lines depend on moving people along predictable routes; visible and covert presence "
         "there raises the cost of running the line and reaches exploited children early.",
         ("British Transport Police", "train operating companies", "St Giles Trust")),
    Idea("Youth diversion scheme with a deferred prosecution",
         "Children who admit a low-level offence are offered a tailored programme instead of a "
         "charge, with the prosecution dropped when they complete it.",
         ("youth-diversion", "restorative-justice"), ("diversion", "reoffending"),
         ("children aged 10 to 17",),
         "first-time entrants to the youth justice system rising for the third year",
         "keep children out of the criminal justice system",
         "first-time entrants to the youth justice system",
         "A youth worker assessed each child within a week and agreed a four-month plan covering "
         "education, family and victim awareness; the case was reviewed at the end.",
         "Avoiding a criminal record keeps doors open to education and work, and a trusted adult "
         "helps the child change what led to the offence.",
         ("Youth Justice Service", "schools", "Catch22")),
    Idea("Restorative justice conferences for neighbour disputes",
         "Trained facilitators bring neighbours together to settle long-running disputes before "
         "they escalate into crime.",
         ("restorative-justice", "anti-social-behaviour"), ("prevention",), ("neighbours in dispute",),
         "the same addresses calling about each other week after week",
         "resolve neighbour disputes for good", "repeat calls from the same addresses",
         "Neighbourhood officers referred disputes with three or more calls in three months to "
         "volunteer facilitators, who held a conference within a fortnight.",
         "Face-to-face conversation repairs the relationship that the dispute damaged, which "
         "enforcement alone cannot do.",
         ("housing associations", "volunteer mediators")),
    Idea("Problem-solving plan for anti-social behaviour around {area} station",
         "A SARA problem-solving plan tackling a decade of anti-social behaviour around the "
         "station forecourt and the underpass beside it.",
         ("anti-social-behaviour", "problem-solving"), ("prevention",),
         ("local residents", "rail passengers"),
         "more than three hundred anti-social behaviour reports a year at one location",
         "reduce anti-social behaviour at a persistent hot spot", "anti-social behaviour reports",
         "The team scanned ten years of calls, interviewed traders and young people, then "
         "closed the underpass at night, improved lighting and moved a bus stop.",
         "Changing the place (lighting, sightlines, where people wait) removes the conditions "
         "that made it a gathering point, so the problem does not simply return.",
         ("the local council", "Network Rail", "bus operators")),
    Idea("Fraud protect visits for older victims of courier fraud",
         "Volunteers visit older people who have been targeted by courier fraud to stop them "
         "being victimised again.",
         ("fraud", "victim-care"), ("prevention",), ("older people", "repeat fraud victims"),
         "older residents losing life savings to callers posing as police officers",
         "prevent repeat victimisation by courier fraudsters", "repeat courier fraud victims",
         "Police support volunteers visited every victim of courier fraud within five days, "
         "fitted call blockers and gave a card with a family member's number to ring first.",
         "Call blockers cut off the fraudster's route in, and a rehearsed plan gives the person "
         "a way to check before they hand anything over.",
         ("Action Fraud", "Age UK", "banks")),
    Idea("Cyber choices early intervention for young hackers",
         "Young people drifting into computer misuse are steered towards legal uses of their "
         "skills through mentoring and events.",
         ("cyber-crime", "youth-diversion"), ("diversion",), ("young people aged 12 to 25",),
         "teenagers arrested for selling booter services and account takeovers",
         "divert young people with cyber skills away from crime", "repeat referrals for computer misuse",
         "Officers visited referred young people with a parent present, followed up with "
         "mentoring by an industry volunteer and places at capture-the-flag competitions.",
         "Young people often do not see online offending as crime; a visit makes the risk real "
         "and mentoring offers the recognition they were seeking elsewhere.",
         ("National Crime Agency", "local universities", "cyber security firms")),
    Idea("Fatal four enforcement on rural roads",
         "Targeted enforcement of speeding, drink and drug driving, seatbelts and phone use on "
         "the rural roads with the most serious collisions.",
         ("road-safety", "rural-crime"), ("prevention",), ("drivers", "motorcyclists"),
         "deaths and serious injuries clustering on a few rural A-roads",
         "reduce people killed or seriously injured on rural roads", "people killed or seriously injured",
         "Roads policing officers ran monthly operations on the five worst routes, with unmarked "
         "cars, mobile speed cameras and roadside drug wipes.",
         "Visible, repeated enforcement on the routes where collisions happen changes driver "
         "behaviour there, and drug wipes catch drivers who expected not to be tested.",
         ("the safety camera partnership", "the fire and rescue service", "highways authority")),
    Idea("Drug testing on arrest with referral to treatment",
         "Everyone arrested for acquisitive crime is tested for opiates and cocaine and, if "
         "positive, required to see a drug worker.",
         ("drugs", "custody"), ("reoffending", "diversion"), ("people arrested for acquisitive crime",),
         "most shoplifting and vehicle crime committed by people using heroin or crack",
         "get drug-using offenders into treatment", "reoffending by people who tested positive",
         "Custody staff tested on arrest; drug workers based in the custody suite carried out "
         "required assessments the same day.",
         "The moment of arrest is when people are most willing to engage, and meeting the drug "
         "worker in custody removes the appointment that would otherwise be missed.",
         ("drug and alcohol services", "custody healthcare provider")),
    Idea("Custody liaison and diversion nurses",
         "Mental health nurses in custody assess vulnerable detainees and arrange support before "
         "they are released.",
         ("custody", "mental-health"), ("diversion",), ("vulnerable detainees",),
         "a quarter of detainees reporting a mental health condition with no one to refer them to",
         "identify vulnerable detainees and link them to services", "detainees referred to support",
         "Nurses worked in the custody suite from 08:00 to 22:00, screening every detainee and "
         "advising custody sergeants and the Crown Prosecution Service on charging decisions.",
         "Early clinical assessment informs safer detention and fairer charging, and a warm "
         "handover makes it likelier that the person engages after release.",
         ("NHS liaison and diversion service",), rises=True),
    Idea("Call handling quality assurance with listening panels",
         "Supervisors and call handlers review recorded 999 and 101 calls together every month "
         "to improve how risk is identified.",
         ("call-handling", "victim-care"), ("organisational",), ("call handlers", "the public"),
         "inspections finding that risk was missed on repeat domestic abuse calls",
         "improve the identification of risk in calls", "calls where risk was correctly graded",
         "Panels of two call handlers and a supervisor listened to twenty calls a month, scored "
         "them against the THRIVE model and fed back to each call handler.",
         "Peer review turns a checklist into shared judgement: call handlers hear what good looks "
         "like from colleagues, not only from audits.",
         (), rises=True),
    Idea("Wellbeing dogs and trauma risk management",
         "Trained peers and wellbeing dogs support officers after traumatic incidents.",
         ("wellbeing", "leadership"), ("organisational",), ("officers and staff",),
         "sickness absence for stress and anxiety rising among response officers",
         "reduce the harm of trauma exposure on officers and staff", "days lost to psychological ill health",
         "Trauma risk management practitioners contacted everyone involved in a critical "
         "incident within 72 hours and again after a month; wellbeing dogs visited stations.",
         "Early, informal peer contact normalises talking about trauma and spots the people who "
         "need professional help before they go off sick.",
         ("occupational health", "Oscar Kilo")),
    Idea("Positive action recruitment for under-represented communities",
         "Outreach and mentoring to help people from under-represented communities through the "
         "police recruitment process.",
         ("recruitment-and-retention",), ("organisational",), ("prospective recruits",),
         "a workforce far less diverse than the communities it serves",
         "increase the diversity of new recruits", "recruits from ethnic minority backgrounds",
         "Positive action officers ran open days in community venues and paired every applicant "
         "with a serving mentor through the assessment centre.",
         "Mentoring demystifies a long process and gives applicants someone like them who has "
         "already made it, so fewer drop out.",
         ("community organisations", "local colleges"), rises=True),
    Idea("Student officer retention through tutor constable reform",
         "Dedicated tutor constables with protected time to support degree-entry student "
         "officers in their first year.",
         ("recruitment-and-retention", "leadership"), ("organisational",), ("student officers",),
         "one in five student officers resigning before the end of their probation",
         "keep student officers through their probation", "student officer resignations",
         "Tutors were released from response duties for two days a week, trained in coaching, "
         "and held monthly welfare conversations with each student officer.",
         "Students leave when they feel unsupported and overwhelmed; protected tutor time gives "
         "them a person to turn to and work they can manage.",
         ("partner university",)),
    Idea("Protest liaison officers for large demonstrations",
         "Trained liaison officers talk to protest organisers before and during events so that "
         "protests pass off peacefully.",
         ("public-order",), ("prevention",), ("protest organisers",),
         "a run of protests ending in confrontation and arrests",
         "facilitate peaceful protest and reduce disorder", "arrests at protests",
         "Liaison officers in light-blue tabards contacted organisers a week ahead, agreed "
         "routes and stayed with the crowd on the day.",
         "Dialogue builds trust and a sense that police are there to facilitate, so crowds "
         "police themselves and tension is spotted early.",
         ()),
    Idea("Hate crime third-party reporting centres",
         "Community venues where people can report hate crime without going to a police station.",
         ("hate-crime", "victim-care"), ("prevention",), ("victims of hate crime",),
         "hate crime under-reported, especially by disabled and LGBT+ people",
         "increase reporting of hate crime", "hate crimes reported",
         "Staff at libraries, mosques and charities were trained to take reports and pass them "
         "on with the victim's consent; officers visited each centre monthly.",
         "People report to someone they already trust in a place they already go, and each "
         "report gives police a chance to act.",
         ("community organisations", "disability charities", "faith groups"), rises=True),
    Idea("Rural crime team and farm watch",
         "A dedicated rural crime team working with farmers on machinery theft, livestock "
         "worrying and hare coursing.",
         ("rural-crime",), ("prevention", "investigation"), ("farmers", "rural businesses"),
         "thefts of quad bikes and tractors rising across the county",
         "reduce rural crime and increase farmers' confidence", "thefts of farm machinery",
         "The team ran a farm watch messaging group, marked machinery with forensic marking and "
         "used drones to find hare coursers at night.",
         "Farmers become the team's eyes across a large area, and marked machinery is harder to "
         "sell on.",
         ("National Farmers' Union", "rural insurers")),
    Idea("Target hardening for repeat burglary victims",
         "Free locks, lighting and door chains fitted within 48 hours for households burgled "
         "twice in a year.",
         ("burglary", "victim-care"), ("prevention",), ("repeat burglary victims",),
         "burgled homes being targeted again within weeks",
         "prevent repeat burglary", "repeat burglaries",
         "A handyperson service funded by the police and crime commissioner fitted security "
         "within two days; officers visited the five neighbouring homes (cocooning).",
         "Burglars return to homes they know; hardening the home and warning the neighbours "
         "removes the easy second target.",
         ("police and crime commissioner", "handyperson service")),
    Idea("Stop and search community scrutiny panel",
         "Local people review body-worn video of stop and search encounters every quarter and "
         "tell the force what they think.",
         ("stop-and-search", "neighbourhood-policing"), ("organisational",),
         ("young black men", "local communities"),
         "low confidence in the fairness of stop and search among young people",
         "improve the fairness and legitimacy of stop and search", "searches rated as fair by the panel",
         "The panel watched a random sample of body-worn video, rated each encounter and met the "
         "officers involved to discuss the worst.",
         "Being watched by the community makes officers explain their grounds well, and the "
         "community sees that concerns lead to change.",
         ("independent advisory group", "youth groups"), rises=True),
    Idea("Victim care unit for updates and referrals",
         "A central unit that keeps every victim updated to the Victims' Code and refers them to "
         "support.",
         ("victim-care",), ("organisational",), ("victims of crime",),
         "victims saying they were never told what happened to their case",
         "keep victims informed and supported", "victims satisfied with updates",
         "Police staff called victims at fixed points in the investigation and referred them to "
         "Victim Support with consent.",
         "Regular updates from one place stop victims falling through the cracks between "
         "investigating officers on shifts.",
         ("Victim Support",), rises=True),
    Idea("Investigations quality review by a supervisors' panel",
         "Sergeants review a sample of volume crime investigations every month against an "
         "agreed standard.",
         ("investigations-quality", "leadership"), ("investigation",), ("investigators",),
         "low charge rates and case files rejected by the Crown Prosecution Service",
         "improve the quality of volume crime investigations", "case files returned by the CPS",
         "Each sergeant reviewed five investigations a month with the investigator, against a "
         "ten-point standard covering lines of enquiry and victim contact.",
         "Structured supervision catches missed lines of enquiry early and teaches investigators "
         "what a good file looks like.",
         ("Crown Prosecution Service",)),
    Idea("Digital forensics triage kiosks in local stations",
         "Self-service kiosks let trained officers extract evidence from phones in hours instead "
         "of waiting months for the lab.",
         ("digital-forensics", "investigations-quality"), ("investigation",),
         ("investigators", "victims of crime"),
         "phones waiting more than six months for examination",
         "cut the time victims wait for digital evidence", "days to examine a phone",
         "Kiosks in four stations let trained officers take a selective download with consent, "
         "returning phones to victims the same day.",
         "Selective, early extraction gets the evidence that matters without taking the victim's "
         "phone away for months.",
         ("digital forensics unit",)),
    Idea("First-line leaders programme for new sergeants",
         "A six-month development programme for newly promoted sergeants on leading teams, "
         "wellbeing and difficult conversations.",
         ("leadership", "wellbeing"), ("organisational",), ("sergeants",),
         "new sergeants leading teams with no training for the role",
         "equip new sergeants to lead", "sergeants confident in their role",
         "Cohorts of twelve met monthly for workshops and action learning sets, with a senior "
         "mentor for each.",
         "Peer learning among people facing the same problems builds confidence faster than "
         "classroom teaching alone.",
         ("partner university",), rises=True),
    Idea("Serious organised crime disruption panels",
         "A multi-agency panel using every available power against local organised crime groups.",
         ("serious-organised-crime", "drugs"), ("investigation",), ("organised crime groups",),
         "organised crime groups controlling drug supply and laundering through local businesses",
         "disrupt organised crime groups", "organised crime groups disrupted",
         "Police, the council, HMRC and housing met monthly to agree disruption plans: licensing "
         "reviews, tax enquiries, tenancy enforcement and financial investigation.",
         "Groups are resilient to arrests but vulnerable to losing money, premises and "
         "licences; several agencies together leave fewer gaps.",
         ("the local council", "HMRC", "housing providers")),
    Idea("Modern slavery car wash inspections",
         "Joint visits to hand car washes with the labour enforcement agencies to find people in "
         "forced labour.",
         ("modern-slavery", "serious-organised-crime"), ("investigation",),
         ("workers at risk of exploitation",),
         "reports of workers living on site at hand car washes",
         "identify and free victims of labour exploitation", "potential victims identified",
         "Officers and the Gangmasters and Labour Abuse Authority visited every hand car wash in "
         "the area with interpreters and a support worker.",
         "Visits with interpreters give workers a safe moment to disclose, away from the people "
         "controlling them.",
         ("Gangmasters and Labour Abuse Authority", "Salvation Army"), rises=True),
    Idea("Walk and talk scheme for women's safety in {area}",
         "Women officers walk with women and girls around areas where they feel unsafe and act on "
         "what they hear.",
         ("violence-against-women-and-girls", "neighbourhood-policing"), ("prevention",),
         ("women and girls",),
         "women telling surveys they felt unsafe in parks after dark",
         "make public spaces safer for women and girls", "women who feel safe after dark",
         "Officers walked routes chosen by women and girls, recorded problems such as lighting "
         "and overgrown paths, and reported back on what had been fixed.",
         "Listening on the route itself surfaces problems that reports miss, and visible "
         "follow-through builds confidence.",
         ("the local council", "women's groups"), rises=True),
    Idea("Stalking protection orders through a specialist team",
         "A specialist stalking team that applies for protection orders early in an investigation.",
         ("violence-against-women-and-girls", "investigations-quality"), ("investigation",),
         ("victims of stalking",),
         "stalking cases recorded as harassment and closed without action",
         "protect victims of stalking sooner", "stalking protection orders granted",
         "Specialist investigators reviewed every harassment report for stalking behaviour and "
         "applied for interim orders within days.",
         "An early order with positive requirements interrupts the fixation before it escalates.",
         ("Suzy Lamplugh Trust", "independent stalking advocates"), rises=True),
    Idea("Child exploitation safeguarding hub with social care",
         "Police, social workers and health staff in one room reviewing every child at risk of "
         "exploitation.",
         ("child-exploitation", "missing-people"), ("prevention", "investigation"),
         ("children at risk of exploitation",),
         "exploited children known to several agencies but to no one as a whole picture",
         "identify and protect children at risk of exploitation earlier", "children with a safety plan",
         "A co-located team met daily to share intelligence on children at risk, agree a lead "
         "agency and disrupt the adults exploiting them.",
         "Putting the pieces together in one room reveals patterns of exploitation that no "
         "single agency sees.",
         ("children's social care", "NHS safeguarding team", "schools"), rises=True),
    Idea("Neighbourhood beat meetings online",
         "Monthly online beat meetings that let residents who cannot attend a hall meeting set "
         "local priorities.",
         ("neighbourhood-policing",), ("organisational",), ("local residents",),
         "beat meetings attended by the same handful of people",
         "involve more residents in setting local priorities", "residents taking part",
         "Neighbourhood teams ran a thirty-minute online meeting each month, with a vote on the "
         "next month's priority and a report back on the last.",
         "A short meeting people can join from home widens who is heard, and the report back "
         "shows that their vote changes what officers do.",
         (), rises=True),
    Idea("Drone unit supporting searches for missing people",
         "Police drones with thermal cameras search open ground for vulnerable missing people.",
         ("missing-people",), ("investigation",), ("vulnerable missing people",),
         "searches of moorland and coastline taking many hours with foot teams",
         "find vulnerable missing people faster", "hours to find high-risk missing people",
         "Drone pilots on every shift searched open ground first, directing foot teams and the "
         "helicopter to what the thermal camera found.",
         "A thermal camera covers open ground in minutes, so the first hours, when a vulnerable "
         "person is most likely to be found alive, are not lost.",
         ("mountain rescue", "the coastguard")),
    Idea("Clear, Hold, Build in {area}",
         "A long-term plan to clear an organised crime group from a neighbourhood, hold the "
         "ground and build community resilience.",
         ("serious-organised-crime", "neighbourhood-policing"), ("prevention", "investigation"),
         ("local residents", "organised crime groups"),
         "a neighbourhood where one crime group had controlled drug dealing for years",
         "remove an organised crime group and stop another taking its place", "drug-related calls",
         "Covert operations removed the group's leaders; neighbourhood officers then held the "
         "area while partners invested in youth provision and housing.",
         "Enforcement alone leaves a vacuum that another group fills; holding and building "
         "makes the neighbourhood resistant to the next one.",
         ("the local council", "housing providers", "youth services")),
    Idea("Phone scams awareness through banks",
         "Bank staff trained to spot customers being coached by fraudsters call police under the "
         "Banking Protocol.",
         ("fraud",), ("prevention",), ("bank customers", "older people"),
         "customers withdrawing large sums in cash under instruction from fraudsters",
         "stop fraud at the point of payment", "losses prevented",
         "Branch staff asked set questions when a customer withdrew an unusual sum and called "
         "999 if they suspected coaching; officers attended within the hour.",
         "Intervening at the till breaks the fraudster's hold at the last moment before the "
         "money is lost.",
         ("banks", "building societies"), rises=True),
    Idea("Mental health street triage car",
         "A police officer and a mental health nurse respond together to calls about people in "
         "crisis.",
         ("mental-health",), ("diversion",), ("people in mental health crisis",),
         "people detained under section 136 who did not need to be",
         "reduce unnecessary section 136 detentions", "section 136 detentions",
         "A car crewed by an officer and a nurse ran from 14:00 to 02:00, attending crisis calls "
         "and advising other officers by phone.",
         "A clinician at the scene can assess and arrange care on the spot, so detention becomes "
         "a last resort.",
         ("NHS mental health trust",)),
    Idea("Custody detainee welfare checks by video",
         "Cell video monitoring with automated prompts supports detention officers on rousing "
         "checks.",
         ("custody",), ("organisational",), ("detainees",),
         "near misses when intoxicated detainees were not properly roused",
         "keep detainees safe", "near misses in custody",
         "Detention officers used a tablet that prompted each check and recorded the response, "
         "with a supervisor alert when one was late.",
         "Prompts and a record make missed checks visible at once, not at an inquest.",
         ("custody healthcare provider",)),
    Idea("Speed watch volunteers on village roads",
         "Community speed watch groups with neighbourhood officers following up repeat speeders.",
         ("road-safety", "rural-crime"), ("prevention",), ("drivers", "village residents"),
         "villages complaining of speeding traffic through their high streets",
         "reduce speeding through villages", "vehicles over the limit",
         "Trained volunteers recorded speeding vehicles; owners received a letter, and officers "
         "visited drivers recorded three times.",
         "A letter from the police to the registered keeper makes speeding personal, and "
         "follow-up visits show it is taken seriously.",
         ("parish councils", "community speed watch volunteers")),
    Idea("Knife crime education in pupil referral units",
         "Workshops in pupil referral units led by a youth worker with lived experience of "
         "violence.",
         ("knife-crime", "youth-diversion", "serious-violence"), ("prevention", "diversion"),
         ("excluded pupils",),
         "excluded pupils over-represented among young people carrying knives",
         "reduce knife carrying by excluded pupils", "pupils reporting they carried a knife",
         "A youth worker ran six weekly sessions in each unit, then offered one-to-one "
         "mentoring to the pupils most at risk.",
         "Excluded pupils listen to someone who has lived what they face; mentoring gives them "
         "another route to the respect a knife seemed to offer.",
         ("pupil referral units", "Violence Reduction Unit")),
    Idea("Out of court resolutions with conditions",
         "A two-tier framework of community resolutions and conditional cautions with "
         "rehabilitative conditions.",
         ("youth-diversion", "restorative-justice", "drugs"), ("diversion", "reoffending"),
         ("adult offenders",),
         "low-level offenders cycling through court with short sentences",
         "reduce reoffending by low-level offenders", "reoffending within 12 months",
         "Decision makers used a gravity matrix to offer a resolution with conditions such as "
         "a drug course, a women's centre appointment or repair to the victim.",
         "Conditions tackle the cause of offending quickly, without the delay and stigma of "
         "court.",
         ("women's centres", "drug and alcohol services")),
    Idea("Body-worn video for domestic abuse evidence-led prosecutions",
         "Officers record the scene and the victim's first account on body-worn video so cases "
         "can go ahead without the victim's evidence.",
         ("domestic-abuse", "investigations-quality"), ("investigation",), ("victims of domestic abuse",),
         "domestic abuse cases dropped when the victim withdrew support",
         "bring more domestic abuse perpetrators to justice", "charge rate for domestic abuse",
         "Every attending officer recorded from arrival; a specialist team reviewed footage and "
         "built evidence-led cases with the CPS.",
         "Footage captures the victim's first account and the scene, so the case does not rest "
         "on evidence the perpetrator can pressure them to withdraw.",
         ("Crown Prosecution Service", "independent domestic violence advisers"), rises=True),
    Idea("Problem-oriented policing awards programme",
         "An in-force programme that trains officers in problem solving and rewards the best "
         "projects each year.",
         ("problem-solving", "leadership"), ("organisational",), ("neighbourhood officers",),
         "problem-solving plans opened and closed with little analysis",
         "embed problem solving across the force", "problem-solving plans meeting the standard",
         "Every neighbourhood officer attended a two-day course; a panel reviewed plans and the "
         "best went forward to the national Tilley awards.",
         "Training gives officers the method and recognition gives them a reason to use it well.",
         (), rises=True),
    Idea("Shoplifting partnership with town centre retailers",
         "Retailers share images and intelligence through a radio link and a shared platform, "
         "with officers targeting prolific shoplifters.",
         ("anti-social-behaviour", "drugs"), ("prevention", "investigation"), ("retailers",),
         "a surge in shoplifting and abuse of shop workers",
         "reduce shoplifting and violence against shop workers", "shoplifting offences",
         "Retailers joined a business crime partnership with a shared radio scheme; a PC "
         "targeted the ten most prolific offenders with arrest and drug referral.",
         "Shared intelligence lets one shop warn the next, and focusing on a small number of "
         "prolific offenders removes most of the harm.",
         ("business crime reduction partnership", "town centre retailers")),
    Idea("Victim-focused burglary investigation standard",
         "Every residential burglary gets a scene visit, forensic examination and house-to-house "
         "enquiries.",
         ("burglary", "investigations-quality", "victim-care"), ("investigation",), ("burglary victims",),
         "burglaries closed without a visit and low public confidence",
         "solve more burglaries and reassure victims", "burglaries solved",
         "An officer attended every residential burglary within 24 hours, with a crime scene "
         "investigator and house-to-house enquiries on both sides of the street.",
         "Thorough early enquiries find the forensic and witness evidence that is lost within "
         "days, and the visit itself reassures the victim.",
         (), rises=True),
    Idea("Online child sexual abuse image triage",
         "A triage tool that ranks seized devices by risk so that investigators examine the most "
         "dangerous offenders first.",
         ("child-exploitation", "digital-forensics"), ("investigation",),
         ("children at risk of online abuse",),
         "a backlog of devices seized in online child abuse investigations",
         "safeguard children faster in online abuse cases", "days to safeguard children",
         "Investigators scored each case with a risk tool at the point of seizure; high-risk "
         "cases went to the front of the forensic queue.",
         "Ranking by risk means the offenders with access to children are examined first, not "
         "simply the oldest cases.",
         ("digital forensics unit", "children's social care")),
    Idea("Learning reviews after deaths following police contact",
         "A structured learning review after every death or serious injury following police "
         "contact.",
         ("custody", "leadership"), ("organisational",), ("officers and staff",),
         "recommendations from past reviews not being acted on",
         "learn from deaths and serious injuries following police contact", "recommendations implemented",
         "A small team ran a learning review within a month of each incident, published themes "
         "to the whole force and tracked each recommendation to completion.",
         "A no-blame review gets an honest account, and tracking recommendations turns lessons "
         "into changed practice.",
         ("Independent Office for Police Conduct",), rises=True),
]

FORCES = {
    "kent-police": ("Medway", "Thanet", "Maidstone", "Canterbury", "Dartford"),
    "essex-police": ("Southend", "Basildon", "Colchester", "Harlow", "Chelmsford"),
    "merseyside-police": ("Liverpool city centre", "Knowsley", "Wirral", "Sefton", "St Helens"),
    "lancashire-constabulary": ("Blackpool", "Preston", "Burnley", "Blackburn", "Lancaster"),
    "greater-manchester-police": ("Salford", "Oldham", "Wigan", "Stockport", "Bolton"),
    "west-midlands-police": ("Birmingham", "Coventry", "Wolverhampton", "Sandwell", "Walsall"),
    "metropolitan-police-service": ("Lambeth", "Croydon", "Tower Hamlets", "Haringey", "Newham"),
    "west-yorkshire-police": ("Leeds", "Bradford", "Kirklees", "Wakefield", "Calderdale"),
    "thames-valley-police": ("Oxford", "Reading", "Milton Keynes", "Slough"),
    "avon-and-somerset-police": ("Bristol", "Bath", "Weston-super-Mare", "Taunton"),
    "devon-and-cornwall-police": ("Plymouth", "Exeter", "Torbay", "Cornwall"),
    "northumbria-police": ("Newcastle", "Sunderland", "Gateshead", "North Tyneside"),
    "south-wales-police": ("Cardiff", "Swansea", "Bridgend", "Merthyr Tydfil"),
    "hampshire-and-isle-of-wight-constabulary": ("Southampton", "Portsmouth", "Basingstoke",
                                                 "the Isle of Wight"),
    "nottinghamshire-police": ("Nottingham", "Mansfield", "Bassetlaw"),
    "cumbria-constabulary": ("Carlisle", "Barrow-in-Furness", "Eden", "Allerdale"),
    "north-yorkshire-police": ("York", "Scarborough", "Harrogate"),
    "dyfed-powys-police": ("Carmarthenshire", "Powys", "Ceredigion"),
    "sussex-police": ("Brighton and Hove", "Crawley", "Hastings", "Eastbourne"),
    "leicestershire-police": ("Leicester", "Loughborough", "Hinckley"),
    "durham-constabulary": ("Darlington", "Durham", "Peterlee"),
}

CONTEXTS = [
    "It worked best where a neighbourhood team already knew the families involved; in rural "
    "wards travel time limited how often officers could visit.",
    "It relies on partners sharing data every week. Where the data-sharing agreement lapsed, "
    "referrals fell away within a month.",
    "Results were strongest in the first six months, while the team was fully staffed; they "
    "weakened when officers were abstracted to cover response shifts.",
    "The approach suits dense urban areas with a few clear hot spots. In market towns the "
    "problem was more spread out and harder to target.",
    "Take-up was lower among people who had poor experiences of the police before, so a "
    "trusted partner made the first contact.",
    "It depended on one committed inspector; when she moved on, it took a year to find a new "
    "sponsor.",
    "It was run during a period of falling crime across the county, so a comparison area was "
    "essential to separate its effect from the trend.",
]
IMPLEMENTATIONS = [
    "{officers} officers were trained over {weeks} weeks, and a sergeant coordinates the work "
    "for about a day a week.",
    "A data-sharing agreement with partners took {months} months to sign; once in place, a "
    "police staff analyst spends two days a week preparing the lists.",
    "It needed a project manager for the first {months} months and a small budget for "
    "publicity; day-to-day delivery sits with the existing neighbourhood teams.",
    "A steering group of partners meets monthly. The hardest part was agreeing referral "
    "criteria that every agency could apply the same way.",
    "Officers use an existing app on their phones to record each contact, so there was no new "
    "IT to buy; the training took {weeks} weeks to roll out to every shift.",
]
COSTS = [
    "About £{cost},000 in the first year, mostly staff time. Each prevented offence is "
    "estimated to save several times that in investigation and custody costs.",
    "The set-up cost was £{cost},000, funded by the police and crime commissioner; running "
    "costs are absorbed in existing budgets.",
    "Roughly £{cost},000 a year, shared between the force and the local authority. No formal "
    "cost-benefit analysis has been done yet.",
    "Funded by a £{cost},000 Home Office grant for two years; the force is looking at how to "
    "sustain it when the grant ends.",
]
RESULTS = {
    "worked": "An evaluation comparing {area} with similar areas found that {measure} {moved} by "
    "{percent}% over {months} months, with no sign of displacement to neighbouring areas.",
    "promising": "Early figures show {measure} {moved} by {percent}% in the first {months} "
    "months. There was no comparison area, so the change may partly reflect wider trends.",
    "new_innovative": "It is too early to say whether it works. Data collection started in "
    "{year}, and the first review is due after twelve months.",
    "didnt_work": "The evaluation found no measurable change in {measure} compared with similar "
    "areas. Participants valued it, but the outcome the force wanted did not follow, and it was "
    "stopped after {months} months.",
}
EFFECTS = {
    "worked": "A clear effect: {measure} {moved} by about {percent}% against a matched comparison "
    "area. The evaluation was reviewed by an academic partner.",
    "promising": "A possible effect: {measure} {moved} by about {percent}%, but without a "
    "comparison group the evidence is not yet strong.",
    "new_innovative": "Not yet known. The force is collecting data on {measure} to find out.",
    "didnt_work": "No effect on {measure} was found. The force shares this so others can avoid "
    "the same cost or change the design.",
}
REVIEW_REQUESTS = [
    "Please say what it cost to run, and what the comparison area was for the results.",
    "Could you describe the mechanism: why do you think it changed behaviour?",
    "The description reads as a story; please add how it was implemented and by whom.",
]
DECLINE_REASONS = [
    "This describes a one-off event rather than a practice others could adopt.",
    "A very similar entry from the same force is already published; please revise that one.",
]
FIRST_NAMES = ["Sam", "Priya", "Gareth", "Aisha", "Tom", "Niamh", "Marcus", "Helen", "Owen",
               "Fatima", "Rhys", "Claire", "Daniel", "Joanne", "Imran", "Laura", "Kieran", "Beth"]
LAST_NAMES = ["Patel", "Jones", "Walsh", "Okafor", "Hughes", "Khan", "Morgan", "Clarke", "Evans",
              "Shah", "Turner", "Price", "Murphy", "Bennett", "Ahmed", "Reid", "Lewis", "Fraser"]
RANKS = ["PC", "PS", "Inspector", "Chief Inspector", "DC", "DS", ""]
