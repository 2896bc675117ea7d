package scaffold

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
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

// logScan is what one tracking log holds, per course id.
type logScan struct {
	courses map[string]*logCourse
	ids     map[string]*learnerIDs
	err     error
}

// scanLogs reads every tracking log whole: per course id, the files, the
// events per day and the learners (usernames and user ids) seen. Files
// are read by a few workers at once (decoding JSON is the slow part) and
// merged in file order, so the result does not depend on scheduling.
func (p *Plan) scanLogs(files []string) map[string]*logCourse {
	scans := make([]logScan, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 4, max(len(files), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				scans[i] = scanLog(p.abs(files[i]), files[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	out := map[string]*logCourse{}
	for i, sc := range scans {
		if sc.err != nil {
			p.note(files[i], "could not be read: %v", sc.err)
		}
		for _, id := range slices.Sorted(maps.Keys(sc.courses)) {
			out[id] = out[id].merge(sc.courses[id])
			ids, part := p.learners(id), sc.ids[id]
			for u := range part.usernames {
				ids.usernames[u] = true
			}
			for u := range part.userIDs {
				ids.userIDs[u] = true
			}
		}
	}
	return out
}

// merge adds b's counts to c (nil is empty).
func (c *logCourse) merge(b *logCourse) *logCourse {
	if c == nil {
		return b
	}
	for f := range b.files {
		c.files[f] = true
	}
	for d, n := range b.days {
		c.days[d] += n
	}
	for d, n := range b.enrol {
		c.enrol[d] += n
	}
	c.events += b.events
	return c
}

// scanLog reads one tracking log; rel is its name in the plan.
func scanLog(path, rel string) logScan {
	out := logScan{courses: map[string]*logCourse{}, ids: map[string]*learnerIDs{}}
	rc, err := open(path)
	if err != nil {
		out.err = err
		return out
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e logEvent
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil || len(e.Time) < 10 {
			continue
		}
		id := detect.CourseOf(e.Context.CourseID, e.EventType)
		if id == "" {
			continue
		}
		c, ids := out.courses[id], out.ids[id]
		if c == nil {
			c = &logCourse{files: map[string]bool{rel: true}, days: map[string]int{}, enrol: map[string]int{}}
			ids = &learnerIDs{usernames: map[string]bool{}, userIDs: map[string]bool{}}
			out.courses[id], out.ids[id] = c, ids
		}
		c.events++
		if strings.HasPrefix(e.EventType, "edx.course.enrollment.") {
			c.enrol[e.Time[:10]]++
		} else {
			c.days[e.Time[:10]]++
		}
		if e.Username != "" {
			ids.usernames[e.Username] = true
		}
		if uid := strings.Trim(string(e.Context.UserID), `"`); uid != "" && uid != "null" {
			ids.userIDs[uid] = true
		}
	}
	if err := sc.Err(); err != nil {
		out.err = err
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
