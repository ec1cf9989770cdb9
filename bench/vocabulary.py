"""The words the generated minutes are made of: people, bodies, topics, sentence frames.

All invented. The frames cover what real minutes hold and the extractors read:
discussion, dated happenings in several date styles, and actions in the forms the
contract lists ("X will...", "X to...", "Action:", "are asked to", passive).
"""

from __future__ import annotations

FIRST_NAMES = (
    "Amira", "Bastian", "Chiara", "Dmitri", "Efua", "Folake", "Gustavo", "Hana",
    "Ilse", "Jonas", "Kalinda", "Lior", "Marisol", "Nikolai", "Oona", "Pedro",
    "Quentin", "Rasa", "Soren", "Thandiwe", "Ulrike", "Viktor", "Wanjiru", "Xiomara",
    "Yusuf", "Zofia", "Anouk", "Benedikt", "Catalina", "Darius", "Elif", "Farid",
)
LAST_NAMES = (
    "Abernathy", "Brandt", "Castellanos", "Dlamini", "Eriksen", "Fonseca", "Grünewald",
    "Haddad", "Ishikawa", "Jovanović", "Kowalczyk", "Lindqvist", "Mbeki", "Nakamura",
    "O'Rourke", "Petrov", "Quispe", "Rahman", "Sandoval", "Tremblay", "Uribe",
    "Van der Berg", "Wojcik", "Yilmaz", "Zapata", "Achterberg", "Benali", "Costa",
)
HONORIFICS = ("", "", "", "", "", "Dr. ", "Prof. ")  # no Mr/Ms: names carry no gender
ORGANISATIONS = (
    "Coalition for Safer Communities (CSC)", "Institute for Restorative Practice",
    "Harbour Legal Aid Network", "Observatory on Urban Violence (OUV)",
    "Northern Probation Trust", "Youth Mediation Forum", "Society for Victim Advocacy",
    "Centre for Prison Reform Studies", "Rural Justice Partnership",
    "Association of Community Wardens (ACW)", "Open Data for Justice",
    "Women's Legal Empowerment Fund", "Borderlands Research Group",
    "International Academy of Forensic Practice (IAFP)", "Citizens' Oversight Panel",
)
SECRETARIAT = "Secretariat"
BODIES = ("working group", "steering committee", "board", "advisory panel",
          "task force")
TOPICS = (
    "restorative justice programme", "annual work plan", "budget for the next cycle",
    "membership renewal process", "regional outreach strategy",
    "data protection policy", "youth engagement initiative",
    "victim support guidelines", "evaluation framework", "communications plan",
    "training curriculum for volunteers", "partnership agreement",
    "fundraising campaign", "research agenda on prison conditions",
    "website migration", "code of conduct", "election procedure",
    "travel grant scheme", "annual report",
)
SECTION_TITLES = (
    "Adoption of the agenda", "Minutes of the previous meeting", "Matters arising",
    "Report of the Chair", "Financial report", "Membership", "Working group reports",
    "Regional outreach", "Training and capacity building", "Communications",
    "Research and publications", "Partnerships", "Upcoming events", "Governance",
    "Data protection", "Youth engagement", "Funding applications", "Evaluation",
)
EVENTS = (
    "regional consultation on {topic}", "expert group meeting on {topic}",
    "webinar on the {topic}", "annual conference", "side event on {topic}",
    "technical workshop on the {topic}", "public hearing on the {topic}",
    "general assembly", "summer school", "joint session with the {body}",
)
PLACES = ("Vienna", "Nairobi", "Lisbon", "Montreal", "Bangkok", "online", "Room C-0713",
          "the Main Hall", "Geneva", "Santiago")
OBSERVATIONS = (
    "participation had grown steadily compared with the previous year",
    "the timeline remained tight but achievable",
    "several members had raised concerns about the reporting burden",
    "the feedback from the pilot regions had been largely positive",
    "more resources would be needed to cover the additional languages",
    "the questionnaire had been simplified after the first round of comments",
    "the draft still lacked a section on monitoring and evaluation",
    "a clearer division of tasks between members and the secretariat would help",
    "the response rate among smaller organisations remained low",
    "the proposal was broadly in line with the strategy adopted last year",
)
QUESTIONS = (
    "the budget line for interpretation could be increased",
    "observers could also take part in the consultation",
    "the deadline could be extended for members in other time zones",
    "the results would be published in all working languages",
    "the template could be shared in an editable format",
)
VERBS = (
    "circulate", "prepare", "finalise", "share", "review", "update", "draft",
    "send", "collect", "compile", "translate", "publish", "coordinate",
)
OBJECTS = (
    "the revised {topic}", "a short note on the {topic}", "the list of focal points",
    "comments on the draft {topic}", "the invitation to the {event}",
    "the minutes of this meeting", "a proposal for the {topic}",
    "the budget estimate for the {event}", "the registration form",
)

DISCUSSION = (
    "{person} ({org}) reported on the {topic} and noted that {observation}.",
    "The {body} discussed the {topic}; {observation}.",
    "Members agreed that {observation}.",
    "{person} asked whether {question}; the {secretariat} replied that {observation}.",
    "In the discussion that followed, it was pointed out that {observation}.",
    "{person} welcomed the progress on the {topic} and thanked all contributors.",
    "It was noted that {observation}, and that the {topic} would be revisited.",
    "The {secretariat} presented an overview of the {topic}.",
)
DATED = (
    "The {event} will take place on {date} in {place}.",
    "Applications for the {event} are open from {date} to {date2}.",
    "The deadline for comments on the {topic} is {date}.",
    "The {event} took place on {past} with about {n} participants.",
    "A {event} is planned for {date}, {time}–{time2}, {place}.",
    "Registration for the {event} closes on {date}.",
    "The minutes of the meeting of {past} were approved without changes.",
)
ACTIONS = (
    "{owner} will {verb} {object} by {date}.",
    "{owner} to {verb} {object}.",
    "Action: {owner} to {verb} {object} before {date}.",
    "Members are asked to {verb} {object}.",
    "{object_cap} will be shared with all members by {date}.",
    "{owner} offered to {verb} {object}.",
)
BULLETS = (
    "{topic_cap}: {observation}.",
    "Follow-up with the {body} on the {topic}.",
    "Next steps on the {topic} to be agreed at the {event}.",
    "{person}: {observation}.",
)
