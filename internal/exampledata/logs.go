package exampledata

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
)

const (
	host       = "courses.edx.org"
	lmsURL     = "https://" + host
	legacyID   = "NordhavnX/OLD100x/2015_T1" // an archived run, old-style course id
	staffName  = "nordhavn_staff"            // the course team member who runs tasks
	staffID    = 1874211                     // below every learner id: no learner has it
	staffIP    = "130.226.142.17"
	dayMicros  = int64(24 * time.Hour / time.Microsecond)
	logWorkers = 2 // the machine this runs on has two cores
)

// writeLogs renders the events into one gzipped JSON-lines file per day,
// logs/tracking.log-YYYYMMDD.gz, a day with no events giving an empty file
// as edX's log rotation does. Days are compressed in parallel; each file
// depends only on its own events, so the output does not depend on
// scheduling.
func writeLogs(dir string, seed uint64, c *courseSpec, st *structure, ls []*learner, evs []event) error {
	from, to := logWindow(c)
	n := int(to.Sub(from) / (24 * time.Hour))
	days := make([][]event, n)
	for lo := 0; lo < len(evs); {
		d := (evs[lo].at - from.UnixMicro()) / dayMicros
		hi := lo
		for hi < len(evs) && (evs[hi].at-from.UnixMicro())/dayMicros == d {
			hi++
		}
		days[d] = evs[lo:hi]
		lo = hi
	}
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range logWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				date := from.AddDate(0, 0, d)
				rd := &renderer{c: c, st: st, ls: ls, seed: seed, r: newRand(seed, "render:"+c.key+":"+date.Format("20060102"))}
				path := filepath.Join(dir, "tracking.log-"+date.Format("20060102")+".gz")
				errs[d] = writeGzip(path, rd.day(days[d]))
			}
		}()
	}
	for d := range n {
		next <- d
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// writeGzip compresses b into path with an empty gzip header (no name, zero
// time), so the bytes depend on the content alone.
func writeGzip(path string, b []byte) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}

// renderer turns events into log lines. Its random stream is the day's own,
// for the details (forum ids, answers) the simulation does not fix.
type renderer struct {
	c    *courseSpec
	st   *structure
	ls   []*learner
	seed uint64
	r    *rand.Rand
}

// line is the content of one log line, before encoding.
type line struct {
	username, source, name, lang, agent, session, referer, ip string
	page                                                      string // "" renders as null
	userID                                                    int    // 0 renders as ""
	courseID, path                                            string
	event                                                     []byte // raw JSON
	at                                                        int64
}

func (rd *renderer) day(evs []event) []byte {
	b := make([]byte, 0, 700*len(evs))
	for i := range evs {
		b = rd.encode(b, rd.line(&evs[i]))
	}
	return b
}

// line fills in what edX would log for the event.
func (rd *renderer) line(e *event) *line {
	c := rd.c
	courseURL := lmsURL + "/courses/" + c.courseID()
	ln := &line{source: "server", courseID: c.courseID(), at: e.at}
	var l *learner
	if e.who >= 0 {
		l = rd.ls[e.who]
		ln.username, ln.userID, ln.ip, ln.agent, ln.lang = l.username, l.id, l.ip, l.agent, l.acceptLang
		ln.session = sessionID(rd.seed, l.id, e.sess)
	}
	var sq *sequential
	if e.seq >= 0 {
		sq = rd.st.seqs[e.seq]
	}
	implicit := []byte(`"{\"POST\": {}, \"GET\": {}}"`)
	switch e.typ {
	case evEnroll, evModeChange:
		mode := l.mode
		ln.name, ln.referer = "edx.course.enrollment.activated", courseURL+"/about"
		if e.typ == evModeChange {
			ln.name, ln.referer = "edx.course.enrollment.mode_changed", "https://ecommerce.edx.org/checkout/receipt/"
		} else if !l.upgraded.IsZero() {
			mode = "audit"
		}
		ln.path = "/api/enrollment/v1/enrollment"
		ln.event = fmt.Appendf(nil, `{"course_id": %q, "user_id": %d, "mode": %q}`, c.courseID(), l.id, mode)
	case evCourseHome:
		ln.path = "/courses/" + c.courseID() + "/course/"
		ln.name, ln.referer, ln.event = ln.path, lmsURL+"/dashboard", implicit
	case evPage:
		ln.path = seqURL(c, sq)[len(lmsURL):]
		ln.name, ln.referer, ln.event = ln.path, courseURL+"/course/", implicit
	case evLegacy:
		ln.courseID = legacyID
		ln.path = "/courses/" + legacyID + "/courseware/" + legacyChapters[int(e.item)%len(legacyChapters)] + "/"
		ln.name, ln.referer, ln.event = ln.path, lmsURL+"/dashboard", implicit
	case evAnon:
		ln.path = "/courses/" + c.courseID() + "/about"
		ln.name, ln.event = ln.path, implicit
		ln.ip, ln.agent, ln.lang = publicIP(rd.r), pick(rd.r, agents), "en-US,en;q=0.9"
		ln.referer = "https://www.edx.org/search?q=" + pick(rd.r, []string{"electric+vehicles", "energy", "automotive", "sustainability"})
	case evSeqGoto:
		rd.browser(ln, sq)
		ln.name = "seq_goto"
		ln.event = jsonString(fmt.Sprintf(`{"old":%d,"new":%d,"id":"%s"}`, e.n, e.n+1, blockKey(c, "sequential", sq.id)))
	case evLoadVideo, evPlayVideo, evPauseVideo, evSeekVideo, evStopVideo:
		rd.browser(ln, sq)
		id := sq.videos[e.item].id
		switch e.typ {
		case evLoadVideo:
			ln.name, ln.event = "load_video", jsonString(fmt.Sprintf(`{"id":"%s","code":"html5"}`, id))
		case evSeekVideo:
			ln.name = "seek_video"
			ln.event = jsonString(fmt.Sprintf(`{"id":"%s","old_time":%s,"new_time":%s,"type":"onSlideSeek","code":"html5"}`, id, num(e.x), num(e.y)))
		default:
			ln.name = map[evType]string{evPlayVideo: "play_video", evPauseVideo: "pause_video", evStopVideo: "stop_video"}[e.typ]
			ln.event = jsonString(fmt.Sprintf(`{"id":"%s","currentTime":%s,"code":"html5"}`, id, num(e.x)))
		}
	case evProblemBrowser:
		rd.browser(ln, sq)
		p := rd.st.problems[e.item]
		var q bytes.Buffer
		for k := 0; k < p.inputs; k++ {
			if k > 0 {
				q.WriteByte('&')
			}
			fmt.Fprintf(&q, "input_%s_%d_1=choice_%d", p.id, k+2, answer(e, k))
		}
		ln.name, ln.event = "problem_check", jsonString(q.String())
	case evProblemServer:
		p := rd.st.problems[e.item]
		key := blockKey(c, "problem", p.id)
		ln.name, ln.page, ln.referer = "problem_check", "x_module", seqURL(c, sq)
		ln.path = "/courses/" + c.courseID() + "/xblock/" + key + "/handler/xmodule_handler/problem_check"
		var a bytes.Buffer
		for k := 0; k < p.inputs; k++ {
			if k > 0 {
				a.WriteString(", ")
			}
			fmt.Fprintf(&a, `"%s_%d_1": "choice_%d"`, p.id, k+2, answer(e, k))
		}
		success := "incorrect"
		if int(e.x) == p.max {
			success = "correct"
		}
		ln.event = fmt.Appendf(nil, `{"answers": {%s}, "attempts": %d, "grade": %d, "max_grade": %d, "problem_id": %q, "success": %q}`,
			a.String(), e.n, int(e.x), p.max, key, success)
	case evThread, evResponse, evComment:
		rd.forum(ln, e, sq)
	case evTask:
		p := rd.st.problems[e.item]
		ln.source, ln.name, ln.page = "task", "problem_rescore", "x_module"
		ln.username, ln.userID, ln.ip, ln.agent, ln.lang, ln.session = staffName, staffID, staffIP, agents[0], "da-DK,da;q=0.9,en;q=0.8", ""
		ln.path = "/courses/" + c.courseID() + "/instructor/api/rescore_problem"
		ln.event = fmt.Appendf(nil, `{"problem_id": %q, "student": %q, "orig_score": %s, "orig_total": %s, "new_score": %s, "new_total": %s, "success": "correct", "task_id": %q}`,
			blockKey(c, "problem", p.id), l.username, num(e.x), num(e.y), num(e.y), num(e.y), uuid(rd.r))
	}
	return ln
}

// browser sets what every browser event of a courseware page shares.
func (rd *renderer) browser(ln *line, sq *sequential) {
	ln.source, ln.path = "browser", "/event"
	ln.page = seqURL(rd.c, sq)
	ln.referer = ln.page
}

// forum renders a post: a new thread, a response to one, or a comment on a
// response, under the week's discussion topic.
func (rd *renderer) forum(ln *line, e *event, sq *sequential) {
	c, r := rd.c, rd.r
	ch := sq.chapter
	topic := ch.id
	cat := fmt.Sprintf("Week %d / %s", ch.week, ch.name)
	url := lmsURL + "/courses/" + c.courseID() + "/discussion/forum/" + topic + "/threads/"
	id := hexID(r, 24)
	body := forumBodies[int(e.item)%len(forumBodies)]
	thread := welcomeThread(rd.seed, c, ch.week)
	ln.referer = url + thread
	var ev bytes.Buffer
	switch e.typ {
	case evThread:
		ln.name = "edx.forum.thread.created"
		ln.path = "/courses/" + c.courseID() + "/discussion/" + topic + "/threads/create"
		ln.referer = lmsURL + "/courses/" + c.courseID() + "/discussion/forum"
		fmt.Fprintf(&ev, `{"anonymous": false, "anonymous_to_peers": false, "body": %s, "category_id": %q, "category_name": %s, "commentable_id": %q, "id": %q, "options": {"followed": true}, "thread_type": "discussion", "title": %s, "truncated": false, "url": %q, "user_course_roles": [], "user_forums_roles": ["Student"]}`,
			jsonString(body), topic, jsonString(cat), topic, id, jsonString(forumTitles[int(e.item)%len(forumTitles)]), url+id)
	case evResponse:
		ln.name = "edx.forum.response.created"
		ln.path = "/courses/" + c.courseID() + "/discussion/threads/" + thread + "/reply"
		fmt.Fprintf(&ev, `{"body": %s, "category_id": %q, "category_name": %s, "commentable_id": %q, "discussion": {"id": %q}, "id": %q, "options": {"followed": false}, "truncated": false, "url": %q, "user_course_roles": [], "user_forums_roles": ["Student"]}`,
			jsonString(body), topic, jsonString(cat), topic, thread, id, url+thread)
	default:
		ln.name = "edx.forum.comment.created"
		resp := hexID(r, 24)
		ln.path = "/courses/" + c.courseID() + "/discussion/comments/" + resp + "/reply"
		fmt.Fprintf(&ev, `{"body": %s, "category_id": %q, "category_name": %s, "commentable_id": %q, "discussion": {"id": %q}, "id": %q, "options": {"followed": false}, "response": {"id": %q}, "truncated": false, "url": %q, "user_course_roles": [], "user_forums_roles": ["Student"]}`,
			jsonString(body), topic, jsonString(cat), topic, thread, id, resp, url+thread)
	}
	ln.event = ev.Bytes()
}

// encode appends the line as edX writes it: Python's json.dumps spacing,
// keys in the order of docs/formats.md.
func (rd *renderer) encode(b []byte, ln *line) []byte {
	b = append(b, `{"username": `...)
	b = appendString(b, ln.username)
	b = append(b, `, "event_source": `...)
	b = appendString(b, ln.source)
	b = append(b, `, "name": `...)
	b = appendString(b, ln.name)
	b = append(b, `, "accept_language": `...)
	b = appendString(b, ln.lang)
	b = append(b, `, "time": "`...)
	b = time.UnixMicro(ln.at).UTC().AppendFormat(b, "2006-01-02T15:04:05.000000-07:00")
	b = append(b, `", "agent": `...)
	b = appendString(b, ln.agent)
	b = append(b, `, "page": `...)
	if ln.page == "" {
		b = append(b, "null"...)
	} else {
		b = appendString(b, ln.page)
	}
	b = append(b, `, "host": "`+host+`", "session": `...)
	b = appendString(b, ln.session)
	b = append(b, `, "referer": `...)
	b = appendString(b, ln.referer)
	b = append(b, `, "context": {"user_id": `...)
	if ln.userID == 0 {
		b = append(b, `""`...)
	} else {
		b = strconv.AppendInt(b, int64(ln.userID), 10)
	}
	b = append(b, `, "org_id": "`+"NordhavnX"+`", "course_id": `...)
	b = appendString(b, ln.courseID)
	b = append(b, `, "path": `...)
	b = appendString(b, ln.path)
	b = append(b, `}, "ip": `...)
	b = appendString(b, ln.ip)
	b = append(b, `, "event": `...)
	b = append(b, ln.event...)
	b = append(b, `, "event_type": `...)
	b = appendString(b, ln.name)
	return append(b, "}\n"...)
}

// appendString appends s as a JSON string. Only what JSON requires is
// escaped; other Unicode is written as is, as edX does with ensure_ascii off.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '"' || ch == '\\':
			b = append(b, '\\', ch)
		case ch == '\n':
			b = append(b, '\\', 'n')
		case ch < 0x20:
			b = append(b, fmt.Sprintf(`\u%04x`, ch)...)
		default:
			b = append(b, ch)
		}
	}
	return append(b, '"')
}

// jsonString encodes s as a JSON string value, for the browser events whose
// event field is a string holding JSON.
func jsonString(s string) []byte { return appendString(nil, s) }

// num formats a float as JSON with at most three decimals.
func num(x float32) string {
	return strconv.FormatFloat(float64(x), 'f', -1, 32)
}

// answer is the choice a submission picked for one input, fixed by the
// submission itself so the browser and server events agree.
func answer(e *event, input int) int {
	return int((uint32(e.who)*2654435761 + uint32(e.n)*40503 + uint32(input)*97 + uint32(e.item)) % 4)
}

// sessionID derives a learner's 32-hex-digit session id for one session.
func sessionID(seed uint64, userID int, sess uint16) string {
	h := fnv.New128a()
	fmt.Fprintf(h, "%d/%d/%d", seed, userID, sess)
	return fmt.Sprintf("%x", h.Sum(nil))
}

// welcomeThread is the id of the course team's thread for week w, which
// learners' responses and comments reply to.
func welcomeThread(seed uint64, c *courseSpec, w int) string {
	h := fnv.New128a()
	fmt.Fprintf(h, "%d/%s/thread/%d", seed, c.key, w)
	return fmt.Sprintf("%x", h.Sum(nil))[:24]
}

// uuid draws a random version-4 UUID, the shape of Celery task ids.
func uuid(r *rand.Rand) string {
	h := hexID(r, 32)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:]
}

var legacyChapters = []string{"Week_1", "Week_2", "Week_3", "Week_4", "Week_5", "Week_6"}
