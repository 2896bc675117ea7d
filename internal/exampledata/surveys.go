package exampledata

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// column is one Qualtrics export column: its id (header row 1), question
// text (row 2) and ImportId JSON (row 3).
type column struct{ id, text, importID string }

var agree5 = []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}

// metaColumns are the columns Qualtrics puts before the questions.
var metaColumns = []column{
	{"StartDate", "Start Date", `{"ImportId":"startDate","timeZone":"UTC"}`},
	{"EndDate", "End Date", `{"ImportId":"endDate","timeZone":"UTC"}`},
	{"Status", "Response Type", `{"ImportId":"status"}`},
	{"IPAddress", "IP Address", `{"ImportId":"ipAddress"}`},
	{"Progress", "Progress", `{"ImportId":"progress"}`},
	{"Duration (in seconds)", "Duration (in seconds)", `{"ImportId":"duration"}`},
	{"Finished", "Finished", `{"ImportId":"finished"}`},
	{"RecordedDate", "Recorded Date", `{"ImportId":"recordedDate","timeZone":"UTC"}`},
	{"ResponseId", "Response ID", `{"ImportId":"_recordId"}`},
	{"RecipientLastName", "Recipient Last Name", `{"ImportId":"recipientLastName"}`},
	{"RecipientFirstName", "Recipient First Name", `{"ImportId":"recipientFirstName"}`},
	{"RecipientEmail", "Recipient Email", `{"ImportId":"recipientEmail"}`},
	{"ExternalReference", "External Data Reference", `{"ImportId":"externalDataReference"}`},
	{"LocationLatitude", "Location Latitude", `{"ImportId":"locationLatitude"}`},
	{"LocationLongitude", "Location Longitude", `{"ImportId":"locationLongitude"}`},
	{"DistributionChannel", "Distribution Channel", `{"ImportId":"distributionChannel"}`},
	{"UserLanguage", "User Language", `{"ImportId":"userLanguage"}`},
}

// confidenceItems are the three items asked before and after the course.
var confidenceItems = []string{
	"I understand how electric powertrains work",
	"I can explain how automated vehicles perceive their surroundings",
	"I can judge the impact of a new automotive technology",
}

func questionColumns(instrument string) []column {
	q := func(id, text, imp string) column { return column{id, text, `{"ImportId":"` + imp + `"}`} }
	var cols []column
	if instrument == "pre" {
		cols = append(cols,
			q("Q1", "What is your current employment status?", "QID1"),
			q("Q2", "How many MOOCs have you completed before this one?", "QID2"),
			q("Q3", "Why did you enrol in this course? (Select all that apply.) - Selected Choice", "QID3"))
		for j, it := range confidenceItems {
			cols = append(cols, q(fmt.Sprintf("Q4_%d", j+1), "How much do you agree with the following statements? - "+it, fmt.Sprintf("QID4_%d", j+1)))
		}
		cols = append(cols, q("Q5", "What do you hope to get out of this course?", "QID5_TEXT"))
	} else {
		for j, it := range confidenceItems {
			cols = append(cols, q(fmt.Sprintf("Q1_%d", j+1), "Now that the course has ended, how much do you agree with the following statements? - "+it, fmt.Sprintf("QID1_%d", j+1)))
		}
		for j, it := range []string{"Overall, I was satisfied with the course", "The workload was manageable",
			"The course materials were of high quality", "I would recommend this course to a colleague"} {
			cols = append(cols, q(fmt.Sprintf("Q2_%d", j+1), "How much do you agree with the following statements? - "+it, fmt.Sprintf("QID2_%d", j+1)))
		}
		cols = append(cols,
			q("Q3", "On average, how many hours per week did you spend on the course?", "QID3_TEXT"),
			q("Q4", "Any other comments?", "QID4_TEXT"))
	}
	return append(cols, q("edx_username", "edx_username", "edx_username"))
}

// response is one survey response before encoding.
type response struct {
	l        *learner // nil when the username links to no learner
	username string   // what the respondent typed into the edx_username field
	start    time.Time
	duration int
	finished bool
	progress int
	recorded time.Time
	ip       string
	lat, lon float64
	id       string
	answers  []string // one per question column, without edx_username
}

// writeSurveys writes a course's pre- and post-course survey exports.
func writeSurveys(dir string, seed uint64, c *courseSpec, ls []*learner) error {
	s := &surveyor{c: c, seed: seed, r: newRand(seed, "surveys:"+c.key)}
	pre := s.pre(ls)
	post := s.post(ls, pre)
	if err := writeQualtrics(filepath.Join(dir, c.number+"_pre-course_survey.csv"), questionColumns("pre"), pre); err != nil {
		return err
	}
	return writeQualtrics(filepath.Join(dir, c.number+"_post-course_survey.csv"), questionColumns("post"), post)
}

type surveyor struct {
	c    *courseSpec
	seed uint64
	r    *rand.Rand
}

// sample draws n distinct learners with probability growing with weight
// (Efraimidis–Spirakis keys), in learner order.
func (s *surveyor) sample(ls []*learner, n int, weight func(*learner) float64) []*learner {
	type keyed struct {
		key float64
		i   int
	}
	ks := make([]keyed, 0, len(ls))
	for i, l := range ls {
		if w := weight(l); w > 0 {
			ks = append(ks, keyed{math.Pow(s.r.Float64(), 1/w), i})
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.key != b.key {
			if a.key > b.key {
				return -1
			}
			return 1
		}
		return a.i - b.i
	})
	idx := make([]int, 0, n)
	for _, k := range ks[:min(n, len(ks))] {
		idx = append(idx, k.i)
	}
	slices.Sort(idx)
	out := make([]*learner, len(idx))
	for j, i := range idx {
		out[j] = ls[i]
	}
	return out
}

// pre draws the pre-course responses: about 30 % of enrolled learners, the
// keener ones more likely, around the course start.
func (s *surveyor) pre(ls []*learner) []*response {
	c, r := s.c, s.r
	who := s.sample(ls, int(0.30*float64(len(ls))), func(l *learner) float64 {
		if l.pinned {
			return 1e9
		}
		return 0.3 + l.motivation + float64(min(l.weeksSeen, 2))*0.4
	})
	var rs []*response
	for _, l := range who {
		at := c.start.Add(time.Duration((-7 + 21*r.Float64()) * float64(24*time.Hour)))
		if at.Before(l.enrolled) {
			at = l.enrolled.Add(time.Duration(1+r.IntN(48)) * time.Hour)
		}
		rs = append(rs, s.respond(l, "pre", at))
	}
	return s.oddities(rs, "pre", c.start)
}

// post draws the post-course responses: about 10 % of enrolled learners,
// mostly those who answered the pre-course survey and stayed to the end.
func (s *surveyor) post(ls []*learner, pre []*response) []*response {
	c, r := s.c, s.r
	answeredPre := map[int]bool{}
	for _, p := range pre {
		if p.l != nil {
			answeredPre[p.l.id] = true
		}
	}
	stayed := func(l *learner) float64 {
		w := 0.05 + l.motivation*0.5
		if l.pinned {
			w = 1e9
		}
		if l.lastWeek >= c.weeks-1 {
			w += 3
		}
		return w
	}
	n := int(0.10 * float64(len(ls)))
	matched := s.sample(ls, n*85/100, func(l *learner) float64 {
		if !answeredPre[l.id] {
			return 0
		}
		return stayed(l)
	})
	fresh := s.sample(ls, n-len(matched), func(l *learner) float64 {
		if answeredPre[l.id] {
			return 0
		}
		return stayed(l)
	})
	var rs []*response
	for _, l := range append(matched, fresh...) {
		at := c.start.AddDate(0, 0, 7*(c.weeks-1)+2).Add(time.Duration(21 * r.Float64() * float64(24*time.Hour)))
		rs = append(rs, s.respond(l, "post", at))
	}
	return s.oddities(rs, "post", c.start.AddDate(0, 0, 7*c.weeks))
}

// oddities adds what every real survey export holds: respondents whose
// username links to nobody, a few who answered twice, and responses left
// unfinished. Then it orders the responses as Qualtrics does, by recorded
// date.
func (s *surveyor) oddities(rs []*response, instrument string, around time.Time) []*response {
	r := s.r
	for k := 0; k < 4+len(rs)/60; k++ {
		at := around.Add(time.Duration((r.Float64()*14 - 3) * float64(24*time.Hour)))
		x := s.respond(nil, instrument, at)
		switch k % 3 {
		case 0:
			x.username = "" // left the field empty
		case 1:
			x.username = fold(pick(r, list(namePools["anglo"].male))) + fmt.Sprint(r.IntN(10000)) + "@" + pick(r, emailDomains)
		default:
			x.username = fold(pick(r, list(namePools["hispanic"].female))) + "_" + fmt.Sprint(1980+r.IntN(25))
		}
		rs = append(rs, x)
	}
	for k := 0; k < 2+len(rs)/150; k++ {
		first := rs[r.IntN(len(rs))]
		if first.l == nil {
			continue
		}
		rs = append(rs, s.respond(first.l, instrument, first.start.Add(time.Duration(20+r.IntN(72*60))*time.Minute)))
	}
	for _, x := range rs {
		if chance(r, 0.05) {
			s.abandon(x)
		}
	}
	slices.SortStableFunc(rs, func(a, b *response) int {
		if c := a.recorded.Compare(b.recorded); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	return rs
}

// abandon turns a response into one left part-way: later answers empty,
// recorded when Qualtrics closed it a week later.
func (s *surveyor) abandon(x *response) {
	r := s.r
	keep := r.IntN(len(x.answers) - 1)
	for k := keep; k < len(x.answers); k++ {
		x.answers[k] = ""
	}
	x.finished = false
	x.progress = 100 * (keep + 1) / (len(x.answers) + 2)
	x.duration = 20 + r.IntN(240)
	x.recorded = x.start.Add(time.Duration(x.duration)*time.Second + 7*24*time.Hour)
}

// respond draws one complete response of learner l (nil: an unknown
// respondent) at time at.
func (s *surveyor) respond(l *learner, instrument string, at time.Time) *response {
	c, r := s.c, s.r
	x := &response{l: l, start: at.Truncate(time.Second), finished: true, progress: 100, id: responseID(r)}
	x.duration = int(90 + math.Exp(5.3+0.5*r.NormFloat64()))
	x.recorded = x.start.Add(time.Duration(x.duration) * time.Second)
	home := &countries[r.IntN(20)]
	ability, motivation := r.Float64(), r.Float64()
	if l != nil {
		x.username = l.username
		home, ability, motivation = l.country, l.ability, l.motivation
		x.ip = l.ip
	}
	if l == nil || chance(r, 0.3) {
		x.ip = publicIP(r) // from work, or a phone
	}
	x.lat = float64(float32(home.lat + 1.5*r.NormFloat64()))
	x.lon = float64(float32(home.lon + 1.5*r.NormFloat64()))
	likert := func(latent float64) string {
		return agree5[int(clamp(math.Round(latent+itemNoise*r.NormFloat64()), 1, 5))-1]
	}
	conf, gain := s.confidence(l, ability, motivation)
	if instrument == "pre" {
		x.answers = append(x.answers,
			draw(r, employment(c)),
			draw(r, []choice{{"None", 25}, {"1", 20}, {"2–5", 35}, {"More than 5", 20}}),
			s.reasons())
		for _, m := range conf {
			x.answers = append(x.answers, likert(m))
		}
		x.answers = append(x.answers, s.text(l, hopes[c.key], piiHopes, 0.55))
		return x
	}
	for _, m := range conf {
		x.answers = append(x.answers, likert(m+gain))
	}
	// Satisfaction is one trait behind the four items; the workload item
	// follows it more loosely, around the course's own workload level.
	sat := c.satisfy + 0.5*(ability-0.5) + 0.3*(motivation-0.5) + 0.6*r.NormFloat64()
	x.answers = append(x.answers, likert(sat), likert(c.workload+0.7*(sat-c.satisfy)), likert(sat+0.1), likert(sat-0.05))
	hours := ""
	if chance(r, 0.9) {
		h := c.hours * (0.5 + motivation) * math.Exp(0.35*r.NormFloat64())
		hours = strconv.FormatFloat(math.Round(h*2)/2, 'f', -1, 64)
	}
	x.answers = append(x.answers, hours, s.text(l, comments[c.key], piiComments, 0.4))
	return x
}

// itemNoise is the spread of a Likert answer around the respondent's
// latent level on its scale (on the 1–5 points, before rounding): items of
// one scale share the latent level and differ by this noise alone, which
// gives Cronbach's α of about .75–.85.
const itemNoise = 0.5

// confidence is a respondent's latent confidence on the three items (1–5
// scale) before the course, and their gain by its end. A learner's come from
// their own stream, so pre and post agree for the same person; the more able
// start higher and the more motivated gain more.
func (s *surveyor) confidence(l *learner, ability, motivation float64) ([]float64, float64) {
	r := s.r
	if l != nil {
		r = newRand(s.seed, fmt.Sprintf("confidence:%s:%d", s.c.key, l.id))
	}
	base := 2.5 + 0.8*(ability-0.5) + 0.6*r.NormFloat64()
	gain := s.c.confGain*(0.6+0.8*motivation) + 0.35*r.NormFloat64()
	return []float64{base + 0.3, base - 0.4, base}, gain
}

func employment(c *courseSpec) []choice {
	if c.credit > 0.1 {
		return []choice{{"Employed full-time", 58}, {"Employed part-time", 7}, {"Self-employed", 7}, {"Student", 20}, {"Not employed", 5}, {"Retired", 3}}
	}
	return []choice{{"Employed full-time", 44}, {"Employed part-time", 9}, {"Self-employed", 6}, {"Student", 29}, {"Not employed", 7}, {"Retired", 5}}
}

// reasons draws the select-all-that-apply answer, labels joined by commas.
func (s *surveyor) reasons() string {
	r, c := s.r, s.c
	career := 0.35 + 0.2*c.credit
	opts := []choice{{"Career advancement", career}, {"Personal interest", 0.75 - 0.2*c.credit},
		{"Required for my job", 0.06 + 0.1*c.credit}, {"Towards the MicroMasters credential", c.credit},
		{"Try out online learning", 0.18}}
	var picked []string
	for _, o := range opts {
		if chance(r, o.weight) {
			picked = append(picked, o.label)
		}
	}
	if len(picked) == 0 {
		picked = []string{"Personal interest"}
	}
	return strings.Join(picked, ",")
}

// text draws a free-text answer: empty, one of the course's answers, or
// (rarely, and always for the named learners) one giving away who they are.
func (s *surveyor) text(l *learner, pool, pii []string, answered float64) string {
	r := s.r
	if l != nil && (l.pinned || chance(r, 0.04)) {
		phone := fmt.Sprintf("+%d %d %03d %02d %02d", 30+r.IntN(20), 70+r.IntN(9), r.IntN(1000), r.IntN(100), r.IntN(100))
		return fmt.Sprintf(pick(r, pii), l.name, l.email, phone)
	}
	if !chance(r, answered) {
		return ""
	}
	return pick(r, pool)
}

const idChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// responseID draws a Qualtrics response id, R_ and 15 letters or digits.
func responseID(r *rand.Rand) string {
	b := []byte("R_")
	for range 15 {
		b = append(b, idChars[r.IntN(len(idChars))])
	}
	return string(b)
}

// writeQualtrics writes a "choice text" export: UTF-8 with a BOM, three
// header rows, every field quoted, CRLF line ends.
func writeQualtrics(path string, questions []column, rs []*response) error {
	cols := append(slices.Clone(metaColumns), questions...)
	var b bytes.Buffer
	b.WriteString("\ufeff")
	row := func(fields []string) {
		for i, f := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	for _, pick := range []func(column) string{
		func(c column) string { return c.id },
		func(c column) string { return c.text },
		func(c column) string { return c.importID },
	} {
		var fs []string
		for _, c := range cols {
			fs = append(fs, pick(c))
		}
		row(fs)
	}
	const layout = "2006-01-02 15:04:05"
	for _, x := range rs {
		end := x.start.Add(time.Duration(x.duration) * time.Second)
		fs := []string{x.start.Format(layout), end.Format(layout), "IP Address", x.ip, strconv.Itoa(x.progress),
			strconv.Itoa(x.duration), strings.ToUpper(fmt.Sprint(x.finished)[:1]) + fmt.Sprint(x.finished)[1:],
			x.recorded.Format(layout), x.id, "", "", "", "",
			strconv.FormatFloat(x.lat, 'f', -1, 64), strconv.FormatFloat(x.lon, 'f', -1, 64), "anonymous", "EN"}
		fs = append(fs, x.answers...)
		fs = append(fs, x.username)
		row(fs)
	}
	return writeFile(path, b.Bytes())
}
