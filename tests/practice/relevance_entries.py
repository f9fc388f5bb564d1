"""Practice entries written for the relevance tests, in the words forces use, and the searches
a person would type with the entry each should find.

They are not the demo's templates: each was written on its own, and several share the words a
search has to tell apart (victims, young people, officers, partners), so the ranking matters.
The forces are real (the organisations migration loads them); topics are made by name.
"""

ENTRIES = {
    "knife-schools": {
        "title": "Knife crime education in secondary schools",
        "summary": "Year 8 and 9 pupils hear from a surgeon, a mother who lost her son, and a "
                   "youth worker.",
        "organisation": "West Midlands Police",
        "topics": ["Knife crime", "Serious violence"],
        "partners": ["Birmingham Children's Trust", "Violence Reduction Unit"],
        "description": "A two-hour session in assembly and then in tutor groups. Pupils handle "
                       "a bleed kit and talk through what they would do if a friend carried a "
                       "blade.",
        "results": "Pupils who took part were more likely to say carrying a blade made them "
                   "less safe.",
    },
    "youth-panel": {
        "title": "Out of court youth panel",
        "summary": "Teenagers arrested for a first minor offence meet a panel instead of going "
                   "to court.",
        "organisation": "Durham Constabulary",
        "topics": ["Youth diversion", "Restorative justice"],
        "partners": ["Youth Offending Service"],
        "description": "A community volunteer, a youth worker and a sergeant agree a contract "
                       "with the young person: repair, an apology, and a course. Breaking the "
                       "contract sends the case back to be charged.",
        "results": "Reoffending within a year fell compared with a matched group who were "
                   "charged.",
    },
    "street-triage": {
        "title": "Street triage: mental health nurses in the patrol car",
        "summary": "A nurse rides with officers on evening shifts to assess people in crisis on "
                   "the spot.",
        "organisation": "Leicestershire Police",
        "topics": ["Mental health"],
        "partners": ["Leicestershire Partnership NHS Trust"],
        "description": "Officers who meet someone in distress call the car; the nurse checks "
                       "health records and can arrange a place of safety other than a cell.",
        "results": "Section 136 detentions fell by a third over eighteen months.",
    },
    "repeat-da": {
        "title": "Early contact with repeat victims of domestic abuse",
        "summary": "Victims reporting a third incident in a year are visited within 48 hours by "
                   "a specialist officer.",
        "organisation": "Thames Valley Police",
        "topics": ["Domestic abuse", "Victim care"],
        "partners": ["Women's Aid"],
        "description": "A daily report lists every victim with three or more incidents in twelve "
                       "months. A specialist officer visits, reviews the safety plan and refers "
                       "to an independent advocate.",
        "results": "Fewer victims reported a further incident within six months.",
    },
    "county-lines-rail": {
        "title": "Stations as a pinch point for county lines",
        "summary": "Joint patrols at mainline stations stop children being moved to run drugs.",
        "organisation": "Merseyside Police",
        "topics": ["County lines", "Child exploitation"],
        "partners": ["British Transport Police", "Network Rail"],
        "description": "Plain-clothes officers work the platforms on Friday evenings with a "
                       "safeguarding lead. Children travelling alone to coastal towns are "
                       "spoken to and, where exploitation is suspected, taken home.",
        "results": "Forty-one children were safeguarded in the first year.",
    },
    "drones-missing": {
        "title": "Thermal camera drones to find missing people",
        "summary": "A drone unit searches moorland and woods at night for vulnerable missing "
                   "people.",
        "organisation": "North Yorkshire Police",
        "topics": ["Missing people"],
        "partners": ["Mountain Rescue"],
        "description": "Pilots are on call around the clock. A drone covers in twenty minutes "
                       "what a line search covers in three hours.",
        "results": "Searches were shorter and two people were found alive in the first winter.",
    },
    "hate-reporting": {
        "title": "Third-party reporting centres for hate crime",
        "summary": "Libraries, mosques and community centres take reports from people who will "
                   "not come to a police station.",
        "organisation": "Greater Manchester Police",
        "topics": ["Hate crime"],
        "partners": ["Tell MAMA", "Manchester City Council"],
        "description": "Staff at each centre are trained to take a report and pass it to the "
                       "force. The person can stay anonymous.",
        "results": "Reports from two under-reporting communities doubled.",
    },
    "romance-fraud": {
        "title": "Protecting older people from romance fraud",
        "summary": "Bank staff flag unusual transfers and a fraud protect officer visits the "
                   "customer.",
        "organisation": "City of London Police",
        "topics": ["Fraud"],
        "partners": ["UK Finance", "Age UK"],
        "description": "When a branch stops a large payment to someone the customer met online, "
                       "an officer visits the same day to talk it through.",
        "results": "Over a million pounds of transfers were stopped in the pilot branches.",
    },
    "farm-theft": {
        "title": "Marking farm machinery against theft",
        "summary": "Tractors and quad bikes are marked and registered so stolen ones can be "
                   "traced abroad.",
        "organisation": "Dyfed-Powys Police",
        "topics": ["Rural crime"],
        "partners": ["NFU Mutual", "Farmers' Union of Wales"],
        "description": "A rural crime team runs marking days at livestock markets. Registered "
                       "machines are checked at ports.",
        "results": "Thefts of quad bikes in the county fell by a quarter.",
    },
    "night-time": {
        "title": "Safer nights out in the city centre",
        "summary": "Welfare hubs and trained door staff look after women and girls on a night "
                   "out.",
        "organisation": "Avon and Somerset Police",
        "topics": ["Violence against women and girls", "Public order"],
        "partners": ["Bristol City Council", "Street Pastors"],
        "description": "Door staff learn to spot predatory behaviour. A welfare hub near the bus "
                       "station is open until four in the morning.",
        "results": "Fewer sexual offences were reported in the night-time economy.",
    },
    "bwv-stop-search": {
        "title": "Body-worn video review of stop and search",
        "summary": "Community members watch footage of searches and tell officers how they came "
                   "across.",
        "organisation": "Metropolitan Police Service",
        "topics": ["Stop and search"],
        "partners": ["Independent Advisory Group"],
        "description": "A scrutiny panel meets monthly and picks searches at random. Officers "
                       "whose searches are reviewed get the feedback in person.",
        "results": "Complaints about the manner of searches fell.",
    },
    "burglary-cocooning": {
        "title": "Cocooning neighbours after a burglary",
        "summary": "Homes around a burgled house get a visit and crime prevention advice within "
                   "a day.",
        "organisation": "Kent Police",
        "topics": ["Burglary", "Neighbourhood policing"],
        "partners": [],
        "description": "Police community support officers knock on the doors either side and "
                       "across the road, and leave timer switches and window locks.",
        "results": "Near-repeat burglaries in the streets visited fell.",
    },
    "custody-drugs": {
        "title": "Drug workers in the custody suite",
        "summary": "Everyone arrested for acquisitive crime is offered an assessment by a drug "
                   "worker before release.",
        "organisation": "Lancashire Constabulary",
        "topics": ["Drugs", "Custody"],
        "partners": ["Change Grow Live"],
        "description": "Workers are based in custody from eight until eight and book a first "
                       "appointment with treatment services.",
        "results": "More people started treatment and fewer were rearrested within three "
                   "months.",
    },
    "call-handling": {
        "title": "Assessing vulnerability at the first call",
        "summary": "Call handlers use a short structured set of questions to spot risk.",
        "organisation": "Essex Police",
        "topics": ["Call handling"],
        "partners": [],
        "description": "The THRIVE questions are built into the call screen so every caller is "
                       "asked about threat, harm and vulnerability.",
        "results": "Audits found risk recorded in nine calls in ten, up from six.",
    },
    "wellbeing-trauma": {
        "title": "Trauma support for officers after critical incidents",
        "summary": "Trained colleagues check in with staff after a fatal crash or a child death.",
        "organisation": "Police Scotland",
        "topics": ["Wellbeing"],
        "partners": ["Oscar Kilo"],
        "description": "Peer supporters contact every officer who attended within 72 hours and "
                       "again at one month, with a route to counselling.",
        "results": "Sickness absence after critical incidents was shorter.",
    },
    "asb-problem-solving": {
        "title": "Problem solving anti-social behaviour on an estate",
        "summary": "A neighbourhood team used the SARA model to tackle motorbikes and fires "
                   "on one estate.",
        "organisation": "Northumbria Police",
        "topics": ["Anti-social behaviour", "Problem solving"],
        "partners": ["Gateshead Council", "Housing association"],
        "description": "Residents mapped where nuisance happened; barriers, lighting and a "
                       "youth club followed.",
        "results": "Calls about anti-social behaviour on the estate halved.",
    },
    "modern-slavery-carwash": {
        "title": "Hand car washes and modern slavery",
        "summary": "Joint visits to hand car washes look for signs of forced labour.",
        "organisation": "Lincolnshire Police",
        "topics": ["Modern slavery"],
        "partners": ["Gangmasters and Labour Abuse Authority", "HMRC"],
        "description": "Officers and inspectors visit together, speak to workers away from "
                       "managers and check pay and papers.",
        "results": "Three victims were rescued and two businesses closed.",
    },
    "cyber-small-business": {
        "title": "Cyber protect talks for small businesses",
        "summary": "A regional cyber crime unit runs free exercises on ransomware for small "
                   "firms.",
        "organisation": "South Wales Police",
        "topics": ["Cyber crime"],
        "partners": ["Cyber Resilience Centre for Wales"],
        "description": "Businesses play through an attack over breakfast and leave with a "
                       "checklist for backups and passwords.",
        "results": "Most firms said they changed at least one practice.",
    },
}

# (what a person types, the entry it must find in the first five)
QUERIES = [
    ("diversion", "youth-panel"),  # only in its topic: Youth diversion
    ("Merseyside", "county-lines-rail"),  # only in its organisation's name
    ("Dyfed-Powys Police", "farm-theft"),
    ("knife crime in the schools", "knife-schools"),  # stop words
    ("repeat victims of domestic abuse", "repeat-da"),
    ("mental health crisis", "street-triage"),
    ("county lines", "county-lines-rail"),
    ("drone search for missing people", "drones-missing"),
    ("VAWG", "night-time"),  # an alias of its topic
    ("romance fraud older people", "romance-fraud"),
    ("stop and search", "bwv-stop-search"),
    ("burglary prevention", "burglary-cocooning"),
    ("drugs custody", "custody-drugs"),
    ("the wellbeing of officers", "wellbeing-trauma"),
    ("anti-social behaviour", "asb-problem-solving"),
    ("modern slavery", "modern-slavery-carwash"),
    ("Network Rail", "county-lines-rail"),  # only in its partners
    ("ransomware", "cyber-small-business"),
]
