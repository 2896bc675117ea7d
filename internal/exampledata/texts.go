package exampledata

// Free text the learners write. Some of it carries personal data on
// purpose (see piiHopes and piiComments): the report must never show it.

// hopes answers the pre-course question "What do you hope to get out of
// this course?", per course key.
var hopes = map[string][]string{
	"eat": {
		"A solid understanding of how electric powertrains work.",
		"I work at a car supplier and we are moving to EV components, so I need to catch up.",
		"Understand battery technology well enough to discuss it with our engineers.",
		"The MicroMasters credential, eventually. This is the first course.",
		"Learn how self-driving cars actually see the road.",
		"Knowledge about hydrogen vs battery vehicles, there is so much hype.",
		"I hope to switch careers from mechanical design to automotive software.",
		"Better understanding of the technology so I can make decisions at work.",
		"Curious about autonomous vehicles and where the industry is going",
		"get a certificate and learn about EV charging",
		"To prepare for my master's thesis on vehicle electrification.",
		"Understand the \"connected car\" and V2X, I keep hearing about it.",
		"Improve my knowledge; I teach automotive technology at a vocational school.",
		"I want to know if an EV makes sense for my family, honestly.",
		"Deep dive in sensors: lidar, radar, cameras.",
	},
	"sus": {
		"Understand the energy transition better.",
		"Learn about solar and wind power for a project at work.",
		"I am a teacher and want material for my classes on climate and energy.",
		"Personal interest in renewable energy, I have solar panels at home.",
		"Get an overview of smart grids and storage.",
		"Knowledge for my studies in environmental science.",
		"I want to understand the numbers behind the debate about energy.",
		"Make better decisions about energy use in the buildings I manage",
		"Just curious, I liked another course from this university.",
		"Learn how to evaluate sustainable energy options in developing countries.",
		"A certificate for my CV and some new knowledge",
		"Understand what a sustainable energy future could look like, realistically.",
	},
}

// comments answer the post-course question "Any other comments?", per
// course key.
var comments = map[string][]string{
	"eat": {
		"Great course, the battery module was the best part.",
		"Workload was heavy but worth it. Looking forward to the next MicroMasters course.",
		"The exam questions on automated driving were harder than the homework.",
		"Videos were excellent. Some problems had unclear wording.",
		"I would like more material on software-defined vehicles.",
		"Thanks to the course team for answering in the forum so quickly!",
		"Too much maths in week 2 for me, otherwise very good.",
		"The proctored exam setup was stressful.",
		"Very relevant for my job. My manager wants the whole team to take it.",
		"Please add subtitles in Spanish.",
		"Good balance between theory and industry examples.",
		"The fuel cell week felt rushed.\nMore examples would help.",
	},
	"sus": {
		"Nice overview, but a bit superficial in places.",
		"I liked the wind power week most.",
		"I fell behind in week 4 and never caught up.",
		"Good videos, the quizzes were easy.",
		"Would have liked more on policy and economics.",
		"Thanks, I learned a lot.",
		"Some links to readings were broken.",
		"The forum was quiet, hard to find people to discuss with.",
		"Interesting course, I'll recommend it to friends.",
		"More examples from Africa and Asia please.",
	},
}

// piiHopes and piiComments are answers in which learners give away who they
// are. %[1]s is their full name, %[2]s their e-mail address, %[3]s a phone
// number.
var piiHopes = []string{
	"My name is %[1]s and I want to learn about EVs. Please contact me at %[2]s about the programme.",
	"Networking! Feel free to reach me on %[3]s or %[2]s",
	"I'm %[1]s, an engineer. I hope to get a new job after this course.",
}

var piiComments = []string{
	"Thank you! If you want feedback, call me at %[3]s. %[1]s",
	"Could someone send my certificate to %[2]s? The platform shows the wrong name.",
	"I am %[1]s and I could not submit the last exam because of a power cut. Please write to %[2]s.",
}

// forumTitles and forumBodies are what learners post in the discussion
// forum; one body carries an e-mail address.
var forumTitles = []string{
	"Question about problem 3",
	"Hello from Göteborg!",
	"Efficiency of permanent magnet motors",
	"Video 2 does not load",
	"Study group?",
	"Where can I find the slides?",
	"Is the answer key wrong?",
}

var forumBodies = []string{
	"I don't understand why the answer is not 42 kWh. Can someone explain?",
	"Hi all, I work in the energy sector and I am looking forward to this course.",
	"The video stops after two minutes on my phone. Anyone else?",
	"Does anyone want to form a study group? Write to me at study.group.eat@example.com",
	"Great explanation in the lecture, thanks!",
	"I think the units in the last question are inconsistent (kW vs kWh).",
	"Here is a paper I found useful on this topic.",
	"Same problem here, reloading the page helped.",
}
