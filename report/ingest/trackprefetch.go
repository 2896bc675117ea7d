package ingest

import (
	"fmt"
	"slices"
	"sync"

	"github.com/moocreport/moocreport/report/study"
)

// trackPrefetch reads the courses' tracking logs while the passes before
// theirs (profiles, grades) are read: on a large course the logs are most
// of the work, and the profile pass alone leaves a core idle. The logs
// need two things from those passes, and wait for them (Course.ready):
// the profiles' username → user id map, for an event naming its learner
// by username only, and the pseudonyms, computed as the reading ends.
// The rest of their reading (decompressing, scanning, aggregating by raw
// user id) depends on nothing earlier, so the result is the one reading
// them in their turn gives (TestPrefetchedTracking).
//
// Only a load without a memo prefetches: with one, the logs may not need
// reading at all, and whether they do depends on the profiles (see
// trackingKey).
type trackPrefetch struct {
	reads map[prefetchKey][]*trackRead // in study order
}

// prefetchKey names a tracking source: its course and itself.
type prefetchKey struct {
	course string
	src    study.Source
}

// trackRead is one tracking source's reading, done or under way.
type trackRead struct {
	names []string // the files read, as the pass's match gives them
	done  chan struct{}
	tr    *Tracking
	err   error
}

// prefetchTracking starts reading every tracking source of the study, one
// after the other (two at once would hold two pipelines' buffers; the
// next starts as one's lines are all tallied, beside its merge), and
// returns the reads; nil when l has a memo. A source's files are matched
// as its pass will match them, on a scratch loader: a pattern's error is
// the pass's to report, in its turn.
func (l *loader) prefetchTracking(courses map[string]*Course) *trackPrefetch {
	if l.memo != nil {
		return nil
	}
	p := &trackPrefetch{reads: map[prefetchKey][]*trackRead{}}
	type job struct {
		c    *Course
		src  study.Source
		read *trackRead
	}
	var jobs []job
	for _, sc := range l.s.Courses {
		for _, src := range sc.Sources {
			if src.Format != trackingFormat {
				continue
			}
			names := l.child().match(src.Path, src.Line, fmt.Sprintf("course %s %s source", sc.Key, src.Format))
			if len(names) == 0 {
				continue
			}
			r := &trackRead{names: names, done: make(chan struct{})}
			k := prefetchKey{sc.Key, src}
			p.reads[k] = append(p.reads[k], r)
			jobs = append(jobs, job{courses[sc.Key], src, r})
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	go func() {
		for _, j := range jobs {
			scanned := make(chan struct{})
			once := sync.OnceFunc(func() { close(scanned) })
			opt := l.trackingOptions(j.c, j.src)
			opt.scanned = once
			go func() {
				j.read.tr, j.read.err = ReadTrackingFiles(l.s.Dir, j.read.names, j.c, opt)
				close(j.read.done)
				once()
			}()
			// The next source is read while this one's tallies are merged
			// and finished; finishing makes the learners' pseudonyms, which
			// a course makes under a lock (Course.pseudonym).
			<-scanned
		}
	}()
	return p
}

// take returns the prefetched reading of src when it read the files
// names, after waiting for it to end; false when src was not prefetched
// or its files changed since (then the pass reads them itself).
func (p *trackPrefetch) take(course string, src study.Source, names []string) (*Tracking, error, bool) {
	if p == nil {
		return nil, nil, false
	}
	k := prefetchKey{course, src}
	rs := p.reads[k]
	if len(rs) == 0 {
		return nil, nil, false
	}
	r := rs[0]
	p.reads[k] = rs[1:]
	<-r.done
	if !slices.Equal(r.names, names) {
		return nil, nil, false
	}
	return r.tr, r.err, true
}

// wait waits for every read not taken, so none outlives the load.
func (p *trackPrefetch) wait() {
	if p == nil {
		return
	}
	for _, rs := range p.reads {
		for _, r := range rs {
			<-r.done
		}
	}
}
