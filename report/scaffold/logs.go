package scaffold

import (
	"bufio"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report/detect"
)

// logCourse is what the tracking logs say about one course id.
type logCourse struct {
	files  map[string]bool // slash paths relative to the exports folder
	days   map[string]int  // YYYY-MM-DD → events other than enrolment
	enrol  map[string]int  // YYYY-MM-DD → enrolment events
	events int
}

// logEvent holds the fields of an event the scaffold needs.
type logEvent struct {
	Username  string `json:"username"`
	Time      string `json:"time"`
	EventType string `json:"event_type"`
	Context   struct {
		CourseID string          `json:"course_id"`
		UserID   json.RawMessage `json:"user_id"`
	} `json:"context"`
}

// scanLogs reads every tracking log whole: per course id, the files, the
// events per day and the learners (usernames and user ids) seen.
func (p *Plan) scanLogs(files []string) map[string]*logCourse {
	out := map[string]*logCourse{}
	for _, f := range files {
		rc, err := open(p.abs(f))
		if err != nil {
			p.note(f, "could not be read: %v", err)
			continue
		}
		sc := bufio.NewScanner(rc)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			line := sc.Bytes()
			if len(line) == 0 || line[0] != '{' {
				continue
			}
			var e logEvent
			if json.Unmarshal(line, &e) != nil || len(e.Time) < 10 {
				continue
			}
			id := detect.CourseOf(e.Context.CourseID, e.EventType)
			if id == "" {
				continue
			}
			c := out[id]
			if c == nil {
				c = &logCourse{files: map[string]bool{}, days: map[string]int{}, enrol: map[string]int{}}
				out[id] = c
			}
			c.files[f] = true
			c.events++
			if strings.HasPrefix(e.EventType, "edx.course.enrollment.") {
				c.enrol[e.Time[:10]]++
			} else {
				c.days[e.Time[:10]]++
			}
			ids := p.learners(id)
			if e.Username != "" {
				ids.usernames[e.Username] = true
			}
			if uid := strings.Trim(string(e.Context.UserID), `"`); uid != "" && uid != "null" {
				ids.userIDs[uid] = true
			}
		}
		rc.Close()
	}
	return out
}

// estimate guesses a course's start and length from its daily events:
// the start is the first day with at least half the median day's
// events (learners trickle in before a course opens, then it jumps), and
// the course lasts until the last week with at least a quarter of the
// busiest week's events (stragglers trail after it ends).
func (c *logCourse) estimate() (start time.Time, weeks int, saw string) {
	days := make([]string, 0, len(c.days))
	for d := range c.days {
		days = append(days, d)
	}
	if len(days) == 0 {
		for d := range c.enrol {
			days = append(days, d)
		}
	}
	sort.Strings(days)
	if len(days) == 0 {
		return time.Time{}, 0, ""
	}
	counts := make([]int, len(days))
	for i, d := range days {
		counts[i] = c.days[d]
	}
	sorted := append([]int(nil), counts...)
	sort.Ints(sorted)
	threshold := max(1, sorted[len(sorted)/2]/2)
	first := days[0]
	for i, d := range days {
		if counts[i] >= threshold {
			first = d
			break
		}
	}
	start, _ = time.Parse("2006-01-02", first)
	perWeek := map[int]int{}
	peak := 0
	for i, d := range days {
		t, _ := time.Parse("2006-01-02", d)
		if w := int(t.Sub(start).Hours()/24)/7 + 1; w >= 1 {
			perWeek[w] += counts[i]
			peak = max(peak, perWeek[w])
		}
	}
	for w := range perWeek {
		if perWeek[w]*4 >= peak && w > weeks {
			weeks = w
		}
	}
	weeks = min(max(weeks, 1), 104)
	saw = fmt.Sprintf("the logs hold %d events from %s to %s; %s is the first day with at least half a median day's events, and week %d the last with at least a quarter of the busiest week's",
		c.events, days[0], days[len(days)-1], first, weeks)
	return start, weeks, saw
}

// logSources turns a course's log files into source paths: one glob per
// folder when a pattern covers exactly tracking logs, else the files.
func (p *Plan) logSources(files map[string]bool, tracking map[string]bool) []string {
	byDir := map[string][]string{}
	for f := range files {
		i := strings.LastIndexByte(f, '/')
		byDir[f[:i+1]] = append(byDir[f[:i+1]], f[i+1:])
	}
	var out []string
	for dir, names := range byDir {
		sort.Strings(names)
		if len(names) == 1 {
			out = append(out, globEscape(dir+names[0]))
			continue
		}
		// Cut the shared part at digits, so a pattern reads
		// tracking.log-*.gz rather than tracking.log-20260*.gz.
		pre := strings.TrimRight(commonPrefix(names), "0123456789")
		suf := strings.TrimLeft(commonSuffix(names), "0123456789")
		if len(pre)+len(suf) > len(names[0]) {
			suf = suf[len(pre)+len(suf)-len(names[0]):]
		}
		pattern := globEscape(dir+pre) + "*" + globEscape(suf)
		if p.globOnly(pattern, tracking) {
			out = append(out, pattern)
		} else {
			for _, n := range names {
				out = append(out, globEscape(dir+n))
			}
		}
	}
	sort.Strings(out)
	return out
}

func commonPrefix(names []string) string {
	pre := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, pre) {
			pre = pre[:len(pre)-1]
		}
	}
	return pre
}

func commonSuffix(names []string) string {
	suf := names[0]
	for _, n := range names[1:] {
		for !strings.HasSuffix(n, suf) {
			suf = suf[1:]
		}
	}
	return suf
}
