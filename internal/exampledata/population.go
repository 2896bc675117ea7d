package exampledata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// person is one fictional edX account. A person may be enrolled in both
// courses, with the same identity in each (so pseudonyms can be compared).
type person struct {
	id                    int // edX user id
	username, name, email string
	given, family         string
	yob                   int // 0 when not given
	gender, education     string
	country               *country
	showCountry           bool // the profile's country field is filled
	city, mailing, goals  string
	language              string
	ip, agent, acceptLang string
	hour                  float64 // usual hour of study, UTC
	pinned                bool    // a named learner the privacy tests look for
}

// pin fixes the name and country of a learner, so the privacy tests know a
// name (with non-ASCII letters) that must never reach the report.
type pin struct{ country, given, family, gender string }

// learner is a person's enrolment in one course and what they did there.
type learner struct {
	*person
	mode, verification string
	enrolled           time.Time
	upgraded           time.Time // when an audit learner moved to verified; zero if not during the logs
	motivation         float64   // 0–1: drives activity, persistence and survey response
	ability            float64   // 0–1: drives problem success and confidence

	// Filled by simulate.
	best      []float64 // best score (0–1) per problem; -1 when never attempted
	tries     []uint8   // attempts per problem
	lastWeek  int       // last course week with activity; 0 if never active
	weeksSeen int       // number of course weeks with activity
}

// registry keeps edX user ids and usernames unique across both courses.
type registry struct {
	ids       map[int]bool
	usernames map[string]bool
}

func newRegistry() *registry {
	return &registry{ids: map[int]bool{}, usernames: map[string]bool{}}
}

// enrol draws a course's learners, sorted by user id as edX exports them.
// The first c.overlap learners are people from the previous course.
func enrol(seed uint64, c *courseSpec, reg *registry, prev []*learner) []*learner {
	r := newRand(seed, "population:"+c.key)
	ls := make([]*learner, 0, c.learners)
	if c.overlap > 0 && len(prev) > 0 {
		for _, i := range r.Perm(len(prev))[:c.overlap] {
			ls = append(ls, &learner{person: prev[i].person})
		}
	}
	for _, p := range c.pinned {
		ls = append(ls, &learner{person: reg.newPerson(r, c, &p)})
	}
	for len(ls) < c.learners {
		ls = append(ls, &learner{person: reg.newPerson(r, c, nil)})
	}
	for _, l := range ls {
		enrolment(r, c, l)
	}
	slices.SortFunc(ls, func(a, b *learner) int { return a.id - b.id })
	return ls
}

// enrolment draws the course-specific part of a learner: track, enrolment
// date, motivation and ability.
func enrolment(r *rand.Rand, c *courseSpec, l *learner) {
	l.mode, l.verification = "audit", "N/A"
	if chance(r, c.verified) {
		l.mode, l.verification = "verified", "ID Verified"
		if chance(r, 0.08) {
			l.verification = "Not ID Verified"
		}
	}
	// Most learners enrol weeks before the start, before the logs begin.
	var days float64
	switch u := r.Float64(); {
	case u < 0.50:
		days = -75 + 60*r.Float64()
	case u < 0.82:
		days = -14 + 14*r.Float64()
	case u < 0.96:
		days = 28 * r.Float64()
	default:
		days = 28 + 21*r.Float64()
	}
	l.enrolled = c.start.Add(time.Duration(days * 24 * float64(time.Hour))).Truncate(time.Microsecond)
	if l.mode == "verified" && chance(r, c.upgrades) {
		// Upgrades happen in the first weeks, after enrolling.
		from := l.enrolled
		if from.Before(c.start) {
			from = c.start
		}
		l.upgraded = from.Add(time.Duration((2 + 20*r.Float64()) * 24 * float64(time.Hour))).Truncate(time.Microsecond)
	}
	u := r.Float64()
	if l.mode == "verified" {
		l.motivation = 0.45 + 0.55*math.Sqrt(u)
	} else {
		l.motivation = math.Pow(u, 1.3)
	}
	edu := 0.0
	switch l.education {
	case "p", "m":
		edu = 0.15
	case "b":
		edu = 0.08
	}
	l.ability = clamp(0.35*l.motivation+0.5*r.Float64()+edu, 0.02, 0.98)
}

// newPerson draws a fresh account with a unique id and username.
// A pin, when given, fixes name, country and gender.
func (g *registry) newPerson(r *rand.Rand, c *courseSpec, pn *pin) *person {
	w := make([]float64, len(countries))
	for i, k := range countries {
		w[i] = k.weight
	}
	p := &person{country: &countries[weighted(r, w)]}
	p.showCountry = chance(r, 0.94)
	p.gender = draw(r, []choice{{"m", c.male * 0.96}, {"f", (1 - c.male) * 0.96}, {"o", 0.008}, {"", 0.032}})
	if pn != nil {
		for i := range countries {
			if countries[i].code == pn.country {
				p.country = &countries[i]
			}
		}
		p.gender, p.pinned = pn.gender, true
	}
	p.education = draw(r, c.education)
	if chance(r, 0.93) {
		age := 17 + math.Exp(2.55+0.5*r.NormFloat64())
		p.yob = 2026 - int(clamp(age, 16, 82))
	}
	g.name(r, p, pn)
	for {
		p.id = 2_000_000 + r.IntN(48_000_000)
		if !g.ids[p.id] {
			g.ids[p.id] = true
			break
		}
	}
	p.email = emailFor(r, p)
	if cities := p.country.cities; cities != "" {
		if chance(r, 0.45) {
			p.city = pick(r, list(cities))
		}
		if chance(r, 0.22) {
			p.mailing = mailingAddress(r, p, pick(r, list(cities)))
		}
	}
	if chance(r, 0.35) {
		p.goals = pick(r, profileGoals)
	}
	if chance(r, 0.1) {
		p.language = "en"
	}
	p.ip = publicIP(r)
	p.agent = pick(r, agents)
	p.acceptLang = p.country.lang
	// Most study in their local evening; the hour is kept in UTC.
	local := 19 + 2.5*r.NormFloat64()
	p.hour = math.Mod(local-p.country.lon/15+48, 24)
	return p
}

// name draws the person's name from their country's pool and derives a
// unique username from it.
func (g *registry) name(r *rand.Rand, p *person, pn *pin) {
	pool := namePools[p.country.region]
	givens := pool.female
	if p.gender == "m" || (p.gender != "f" && chance(r, 0.5)) {
		givens = pool.male
	}
	p.given, p.family = pick(r, list(givens)), pick(r, list(pool.family))
	if pn != nil {
		p.given, p.family = pn.given, pn.family
	}
	p.name = p.given + " " + p.family
	latinGiven, latinFamily := p.given, p.family
	switch {
	case pn != nil:
	case p.country.region == "chinese" && chance(r, 0.25):
		f, gv := pick(r, hanNames.family), pick(r, hanNames.given)
		p.name, latinGiven, latinFamily = f[0]+gv[0], gv[1], f[1]
	case p.country.region == "chinese", p.country.region == "korean", p.country.region == "japanese":
		if chance(r, 0.4) { // family name first, as many write it
			p.name = p.family + " " + p.given
		}
	}
	gf, ff := fold(latinGiven), fold(latinFamily)
	if gf == "" || ff == "" { // a name with no letter fold knows
		gf, ff = "learner", fmt.Sprint(r.IntN(1000))
	}
	var base string
	switch r.IntN(6) {
	case 0:
		base = gf + ff
	case 1:
		base = gf + "_" + ff
	case 2:
		base = gf[:1] + ff + fmt.Sprint(10+r.IntN(90))
	case 3:
		base = gf + fmt.Sprint(r.IntN(2000))
	case 4:
		base = ff + "_" + gf[:1]
	default:
		base = strings.ToUpper(gf[:1]) + gf[1:] + strings.ToUpper(ff[:1]) + ff[1:]
	}
	u := base
	for n := 2; g.usernames[strings.ToLower(u)]; n++ {
		u = fmt.Sprintf("%s%d", base, n)
	}
	g.usernames[strings.ToLower(u)] = true
	p.username = u
}

var emailDomains = []string{"example.com", "example.org", "example.net", "mail.example.com", "post.example.se", "student.example.edu", "corp.example.de"}

// emailFor derives a plausible e-mail address from the person's name.
func emailFor(r *rand.Rand, p *person) string {
	d := pick(r, emailDomains)
	switch r.IntN(3) {
	case 0:
		return strings.ToLower(p.username) + "@" + d
	case 1:
		return fold(p.given) + "." + fold(p.family) + "@" + d
	default:
		return fold(p.given)[:1] + fold(p.family) + fmt.Sprint(r.IntN(100)) + "@" + d
	}
}

var streets = []string{"Storgatan", "Hauptstraße", "Main Street", "Calle Mayor", "Rua das Flores", "Park Avenue", "Station Road", "Nørregade", "Via Roma", "Lake View Road"}

// mailingAddress is a free-text postal address as learners type it, over
// two lines (so the CSV has quoted newlines).
func mailingAddress(r *rand.Rand, p *person, city string) string {
	st := pick(r, streets)
	n := 1 + r.IntN(140)
	switch p.country.region {
	case "nordic", "german", "dutch":
		return fmt.Sprintf("%s %d\n%d %s", st, n, 10000+r.IntN(89999), city)
	default:
		return fmt.Sprintf("%d %s, Apt %d\n%s, %s", n, st, 1+r.IntN(40), city, p.country.code)
	}
}

// publicIPBlocks are first octets of address blocks in public use, so the
// addresses look like the real ones a log holds.
var publicIPBlocks = []int{24, 31, 37, 41, 46, 49, 62, 77, 78, 81, 82, 85, 88, 90, 94, 95, 103, 105, 109, 110, 112, 117, 121, 130, 138, 141, 151, 176, 177, 178, 181, 185, 186, 187, 189, 190, 193, 194, 195, 197, 201, 212, 213, 217}

func publicIP(r *rand.Rand) string {
	return fmt.Sprintf("%d.%d.%d.%d", pick(r, publicIPBlocks), r.IntN(256), r.IntN(256), 1+r.IntN(254))
}

// agents are shortened browser user-agent strings.
var agents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/132.0 Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/133.0 Safari/537.36 Edg/133.0",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/18.3 Safari/605.1.15",
	"Mozilla/5.0 (X11; Linux x86_64; rv:135.0) Gecko/20100101 Firefox/135.0",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:134.0) Gecko/20100101 Firefox/134.0",
	"Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/132.0 Mobile Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 18_3 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
}

// profileGoals are the free-text "goals" learners enter when registering.
var profileGoals = []string{
	"Learn about electric vehicles",
	"Career change into the automotive industry",
	"Keep up with new technology at work",
	"I want to understand renewable energy better.",
	"Get a certificate for my CV",
	"Curiosity, mostly",
	"Prepare for a master's programme",
	"Improve my English and learn engineering",
	"Professional development, my employer pays for the verified track",
	"Understand how batteries, fuel cells and motors work together",
	"I work as a mechanic and want to learn about EVs",
	"Lifelong learning",
}
