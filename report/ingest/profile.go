package ingest

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// Course is what every reader needs to know about the course a file belongs
// to. ReadProfile fills its roster; the grade, tracking and survey readers
// use it to link records, which is why profiles are read first.
type Course struct {
	Key   string    // course key from study.yaml, copied into every row
	ID    string    // edX course id; tracking events for other ids are skipped
	Start time.Time // the course start date (midnight UTC)
	// WeekStart is when tracking-log week 1 begins (study.yaml activity:
	// weeks and time_zone); zero means Start.
	WeekStart time.Time
	Salt      string // pseudonym key

	// PublishText keeps free-text survey answers (redacted) for a study
	// that opts in to publishing them; otherwise they are never read.
	PublishText bool
	// Limits caps one field, record and line of the course's files
	// (study.yaml limits:, defaults filled in).
	Limits study.Limits

	names   *pseudonyms
	namesMu sync.Mutex
	// redact knows the course's learners' names and usernames, so free
	// text can be cleaned of them. Personal data: it never leaves ingest.
	redact Redactor
	// users maps an edX username to its user id, and ids the user ids seen
	// to where they were first seen. Personal data: they never leave ingest.
	users map[string]string
	ids   map[string]string
	// sharedNames holds the usernames listed under two user ids, which
	// link nobody, and sharedIn counts them by the file that showed it.
	sharedNames map[string]bool
	sharedIn    map[string]int
	// emails maps a profile's e-mail address (lower case) and anon an
	// anonymized id (lower case) to the user id, and links tallies each
	// survey instrument's linkage; see linkage.go. Personal data: they
	// never leave ingest.
	emails map[string]string
	anon   map[string]string
	links  map[string]*Linkage

	// ready is closed once the sources read before the tracking logs are
	// read; until then a tracking log read ahead (trackPrefetch) must not
	// touch users or the pseudonyms. Nil: nothing to wait for.
	ready chan struct{}
}

// awaitSources waits until the sources before the tracking logs are read
// (see ready).
func (c *Course) awaitSources() {
	if c.ready != nil {
		<-c.ready
	}
}

// openReady marks every course's sources before the tracking logs read;
// a course already marked stays so.
func openReady(courses map[string]*Course) {
	for _, c := range courses {
		if c.ready == nil {
			continue
		}
		select {
		case <-c.ready:
		default:
			close(c.ready)
		}
	}
}

// NewCourse prepares the readers' shared state for one study course.
func NewCourse(c study.Course, salt string) *Course {
	return &Course{Key: c.Key, ID: c.CourseID, Start: c.Start.Time, Salt: salt, Limits: study.DefaultLimits}
}

// weekStart is when tracking-log week 1 begins.
func (c *Course) weekStart() time.Time {
	if c.WeekStart.IsZero() {
		return c.Start
	}
	return c.WeekStart
}

// pseudonym is the learner's pseudonym of userID. The tracking logs'
// reading and the surveys' make them at the same time (see
// loader.surveysAhead), so the memo is locked.
func (c *Course) pseudonym(userID string) string {
	c.namesMu.Lock()
	defer c.namesMu.Unlock()
	if c.names == nil || c.names.salt != c.Salt {
		c.names = &pseudonyms{salt: c.Salt}
	}
	return c.names.of(userID)
}

// UserID returns the edX user id of a username from the profiles read so
// far, for linking records that carry only a username.
func (c *Course) UserID(username string) (string, bool) {
	id, ok := c.users[username]
	return id, ok
}

// Learners returns how many learners the profiles read so far listed.
func (c *Course) Learners() int { return len(c.ids) }

var profileColumns = []string{"id", "username", "year_of_birth", "gender", "level_of_education", "enrollment_mode", "verification_status", "country"}

// ReadProfile reads an enrolled-learner profile export (docs/formats.md,
// edx-profile) into Learners of course c and records each username's user
// id in c. A user id listed twice, in this file or an earlier one of the
// same course, is an error: it would double-count a learner.
func ReadProfile(r io.Reader, file string, c *Course) ([]report.Learner, error) {
	t := newTable(r, file, c.Limits, ',')
	if err := t.readHeader(); err != nil {
		return nil, err
	}
	col, err := t.need(profileColumns...)
	if err != nil {
		return nil, err
	}
	nameCol, err := t.column("name")
	if err != nil {
		nameCol = -1 // optional: only used to redact free text
	}
	emailCol, err := t.column("email")
	if err != nil {
		emailCol = -1 // optional: only used to link surveys by e-mail
	}
	if c.users == nil {
		c.users = map[string]string{}
		c.ids = map[string]string{}
		c.emails = map[string]string{}
	}
	var out []report.Learner
	for rec, err := range t.rows() {
		if err != nil {
			return nil, err
		}
		id, err := t.userID(rec, col[0])
		if err != nil {
			return nil, err
		}
		where := file + ":" + strconv.Itoa(t.line())
		if first, dup := c.ids[id]; dup {
			return nil, t.fieldErr(col[0], fmt.Errorf("%w: learner already listed at %s", ErrDuplicate, first))
		}
		c.ids[id] = where
		if u := rec[col[1]]; u != "" {
			c.addUsername(u, id, file)
		}
		if emailCol >= 0 {
			if e := strings.ToLower(strings.TrimSpace(rec[emailCol])); e != "" {
				c.emails[e] = id
			}
		}
		if nameCol >= 0 {
			c.redact.addPerson(rec[col[1]], rec[nameCol])
		}
		yob := 0
		if s := rec[col[2]]; s != "" {
			y, err := strconv.Atoi(s)
			if err != nil || len(s) != 4 {
				return nil, t.fieldErr(col[2], fmt.Errorf("want a 4-digit year or nothing, got %q", s))
			}
			yob = y
		}
		out = append(out, report.Learner{
			ID:          c.pseudonym(id),
			Course:      c.Key,
			YearOfBirth: yob,
			Gender:      rec[col[3]],
			Education:   rec[col[4]],
			Mode:        rec[col[5]],
			Verified:    rec[col[6]] == "ID Verified",
			Country:     rec[col[7]],
		})
	}
	return out, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
