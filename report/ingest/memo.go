package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// Memo keeps what a reader computed from a source between builds, so a
// change to one source of a study reads that source again and not the
// others. Tracking logs are the only format worth it: they are most of a
// study's bytes and of its reading time. Keys are SHA-256 digests of
// everything the result depends on (see trackingKey), so an entry found is
// always the result of reading the same bytes the same way. build.Cache is
// the implementation; a nil Memo keeps nothing.
type Memo interface {
	// Recall fills v with the entry kept under kind and key, reporting
	// whether there was a sound one.
	Recall(kind, key string, v any) bool
	// Keep stores v under kind and key.
	Keep(kind, key string, v any)
}

// FileHasher is what a Memo may offer besides: the SHA-256 (hex) and size
// of an input file, named relative to the study folder as the study names
// it. A build hashes every input for its manifest anyway; a Memo that is
// also a FileHasher lets a key use that one hash instead of reading the
// file a second time.
type FileHasher interface {
	HashFile(name string) (sha256 string, size int64, err error)
}

// LoadWith is Load counting what it reads on m (nil counts nothing) and
// taking the tracking logs of a source from memo when the same files were
// read the same way before (nil reads them).
func LoadWith(s *study.Study, m *Meter, memo Memo) (*report.Dataset, error) {
	if m != nil {
		m.read.Store(0)
		m.total.Store(sourceBytes(s))
		m.reading.Store(true)
		defer m.reading.Store(false)
	}
	return load(s, m, memo)
}

// trackingMemoFormat changes whenever Tracking or what it holds changes.
const trackingMemoFormat = "tracking-2" // 2: problems carry display names and first-seen times

// trackingKey digests everything ReadTrackingFiles's result depends on:
// the course's identity, week start and pseudonym key, the reading
// options, the profile's usernames and user ids (which decide whose
// events a username identifies), and the content of every file, in
// order (their SHA-256 from hasher, when not nil). It returns "" when a
// file cannot be read (the reader will say why), and the files' total size
// for the meter.
func trackingKey(dir string, names []string, c *Course, opt TrackingOptions, hasher FileHasher) (string, int64) {
	h := sha256.New()
	maxBad := -1.0
	if opt.MaxBadLines != nil {
		maxBad = *opt.MaxBadLines
	}
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d\x00%d\x00%s\x00%d\x00%t\x00%g\x00%t\x00%d\x00",
		trackingMemoFormat, c.Key, c.ID, c.Salt, c.Start.UnixMilli(), c.weekStart().UnixMilli(),
		c.Limits.MaxLine, opt.gap(), opt.ByUsername, maxBad, opt.PageCourse, opt.maxLine())
	users := make([]string, 0, len(c.users))
	for u := range c.users {
		users = append(users, u)
	}
	sort.Strings(users)
	for _, u := range users {
		fmt.Fprintf(h, "u\x00%s\x00%s\x00%t\x00", u, c.users[u], c.sharedNames[u])
	}
	shared := make([]string, 0, len(c.sharedNames))
	for u := range c.sharedNames {
		shared = append(shared, u)
	}
	sort.Strings(shared)
	fmt.Fprintf(h, "s\x00%q\x00", shared)
	var size int64
	for _, name := range names {
		if hasher != nil {
			sum, n, err := hasher.HashFile(name)
			if err != nil {
				return "", 0
			}
			fmt.Fprintf(h, "f\x00%s\x00%s\x00%d\x00", name, sum, n)
			size += n
			continue
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return "", 0
		}
		fmt.Fprintf(h, "f\x00%s\x00", name)
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", 0
		}
		size += n
	}
	return hex.EncodeToString(h.Sum(nil)), size
}

// readTracking reads a tracking source's files, or recalls what reading
// them gave when nothing they depend on changed.
func (l *loader) readTracking(c *Course, names []string, opt TrackingOptions) (*Tracking, error) {
	if l.memo == nil {
		return ReadTrackingFiles(l.s.Dir, names, c, opt)
	}
	hasher, _ := l.memo.(FileHasher)
	key, size := trackingKey(l.s.Dir, names, c, opt, hasher)
	if key != "" {
		var tr Tracking
		if l.memo.Recall("tracking", key, &tr) {
			if l.meter != nil {
				l.meter.read.Add(size)
			}
			return &tr, nil
		}
	}
	tr, err := ReadTrackingFiles(l.s.Dir, names, c, opt)
	if err == nil && key != "" {
		l.memo.Keep("tracking", key, tr)
	}
	return tr, err
}
