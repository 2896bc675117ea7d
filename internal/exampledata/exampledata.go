// Package exampledata generates the raw exports of the example study in
// study.yaml: for each course an enrolled-learner profile, a grade report,
// one gzipped tracking log per day and the pre- and post-course Qualtrics
// surveys, in the shapes docs/formats.md fixes.
//
// Everything is synthetic and seeded: Generate with the same seed writes the
// same bytes, so the committed data/ tree can be checked against a fresh
// run. The learners are fictional but carry realistic personal data (names,
// e-mail and IP addresses, free text with phone numbers) on purpose, so the
// readers' pseudonymisation and the report's privacy can be tested on it.
//
// The package models the seed study's story and nothing else: a MicroMasters
// course (EAT101x) whose learners are more active, more often verified and
// drop out more slowly than those of a traditional MOOC (SUS201x).
package exampledata

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"
)

// DefaultSeed is the seed of the committed example data.
const DefaultSeed uint64 = 20260302

// courseSpec describes one course run and the behaviour of its learners.
type courseSpec struct {
	key, org, number, run string
	start                 time.Time
	weeks                 int
	learners              int
	exported              string   // date of the profile and grade exports
	chapters              []string // one per week; the last holds the final exam

	male      float64 // share of men among all learners
	education []choice
	verified  float64 // share of learners on the verified track
	upgrades  float64 // share of verified learners who upgrade during the course
	showUp    float64 // chance an audit learner ever opens the courseware
	retention float64 // weekly chance an active audit learner carries on
	sessions  float64 // mean extra active days per active week
	coverage  float64 // share of a week's sequentials a keen learner works through
	depth     float64 // how thoroughly a visit is used: scales video and problem uptake
	forum     float64 // chance a session posts to the forum
	examGated bool    // the final exam is open to verified learners only
	overlap   int     // learners shared with the course before it in courses
	pinned    []pin   // named learners, always among the survey respondents

	confGain float64 // mean gain of the confidence items from pre to post
	satisfy  float64 // mean latent satisfaction, on 1–5
	workload float64 // mean of the workload item, on 1–5 (it follows satisfaction loosely)
	hours    float64 // median hours per week reported
	credit   float64 // chance of "Towards the MicroMasters credential"
}

// courseID is the edX course key of the run.
func (c *courseSpec) courseID() string {
	return "course-v1:" + c.org + "+" + c.number + "+" + c.run
}

// filePrefix is the prefix edX gives the run's instructor-dashboard exports.
func (c *courseSpec) filePrefix() string {
	return c.org + "_" + c.number + "_" + c.run
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// courses are the example study's two runs, in study.yaml order.
var courses = []courseSpec{
	{
		key: "eat", org: "NordhavnX", number: "EAT101x", run: "1T2026",
		start: day(2026, 3, 2), weeks: 8, learners: 2880, exported: "2026-05-11",
		chapters: []string{"Introduction to electromobility", "Electric powertrains", "Batteries and charging",
			"Fuel cells and hydrogen", "Automated driving: sensing", "Automated driving: decisions and control",
			"Connected vehicles", "Final exam and outlook"},
		male: 0.70,
		education: []choice{{"p", 5}, {"m", 34}, {"b", 36}, {"a", 4}, {"hs", 11}, {"jhs", 0.6},
			{"el", 0.2}, {"none", 0.3}, {"other", 2}, {"", 6}},
		verified: 0.25, upgrades: 0.05, showUp: 0.55, retention: 0.78,
		sessions: 0.25, coverage: 1, depth: 1, forum: 0.025, examGated: true,
		pinned:   []pin{{"SE", "Åsa", "Lindqvist", "f"}, {"ES", "José", "Núñez", "m"}},
		confGain: 0.8, satisfy: 4.1, workload: 3.0, hours: 6, credit: 0.55,
	},
	{
		key: "sus", org: "NordhavnX", number: "SUS201x", run: "1T2026",
		start: day(2026, 1, 12), weeks: 8, learners: 2760, exported: "2026-03-23",
		chapters: []string{"Energy systems today", "Solar power", "Wind power", "Energy storage",
			"Smart grids", "Efficient buildings", "Transport and energy", "Final exam and the road ahead"},
		male: 0.62,
		education: []choice{{"p", 4}, {"m", 27}, {"b", 37}, {"a", 5}, {"hs", 17}, {"jhs", 1},
			{"el", 0.3}, {"none", 0.5}, {"other", 2.5}, {"", 6}},
		verified: 0.08, upgrades: 0.05, showUp: 0.45, retention: 0.62,
		sessions: 0.2, coverage: 0.9, depth: 0.7, forum: 0.012, examGated: false, overlap: 140,
		pinned:   []pin{{"DE", "Jürgen", "Köhler", "m"}},
		confGain: 0.45, satisfy: 3.8, workload: 3.6, hours: 3.5, credit: 0.02,
	},
}

// Generate writes the example study's raw exports under dir (the study's
// data/ directory), one sub-directory per course.
func Generate(dir string, seed uint64) error {
	return GenerateScaled(dir, seed, Scale{})
}

// Scale enlarges the example for benchmarks (make bench-peers). Learners
// multiplies each course's learners (and those it shares with the course
// before it); Repeat writes every tracking event that many times, a second
// apart within its day, so the logs grow while the learners, weeks and
// sessions stay the same. The zero Scale is the example itself, byte for
// byte.
type Scale struct {
	Learners float64
	Repeat   int
}

// GenerateScaled is Generate with the example enlarged by s.
func GenerateScaled(dir string, seed uint64, s Scale) error {
	reg := newRegistry()
	var prev []*learner
	for i := range courses {
		spec := courses[i]
		c := &spec
		if s.Learners > 0 && s.Learners != 1 {
			c.learners = max(len(c.pinned)+c.overlap, int(math.Round(float64(c.learners)*s.Learners)))
			c.overlap = int(math.Round(float64(c.overlap) * min(s.Learners, 1)))
		}
		ls := enrol(seed, c, reg, prev)
		st := newStructure(seed, c)
		evs := simulate(seed, c, st, ls)
		if s.Repeat > 1 {
			from, _ := logWindow(c)
			evs = repeatEvents(evs, s.Repeat, from.UnixMicro())
		}
		cdir := filepath.Join(dir, c.key)
		if err := os.MkdirAll(filepath.Join(cdir, "logs"), 0o755); err != nil {
			return err
		}
		if err := writeProfiles(filepath.Join(cdir, c.filePrefix()+"_student_profile_info_"+c.exported+".csv"), ls); err != nil {
			return err
		}
		if err := writeGrades(filepath.Join(cdir, c.filePrefix()+"_grade_report_"+c.exported+".csv"), c, st, ls); err != nil {
			return err
		}
		if err := writeCourseBlocks(filepath.Join(cdir, c.filePrefix()+"_course_blocks.json"), c, st); err != nil {
			return err
		}
		if err := writeLogs(filepath.Join(cdir, "logs"), seed, c, st, ls, evs); err != nil {
			return err
		}
		if err := writeSurveys(cdir, seed, c, ls); err != nil {
			return err
		}
		prev = ls
	}
	return nil
}

// writeFile writes b to path, wrapping the error with the path.
func writeFile(path string, b []byte) error {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("exampledata: %w", err)
	}
	return nil
}

// repeatEvents returns every event n times, the copies a second apart but
// never past the end of the event's day, so each day's events stay
// together as writeLogs needs.
func repeatEvents(evs []event, n int, from int64) []event {
	out := make([]event, 0, len(evs)*n)
	for _, e := range evs {
		end := from + ((e.at-from)/dayMicros+1)*dayMicros - 1
		for j := range n {
			c := e
			c.at = min(e.at+int64(j)*1_000_000, end)
			out = append(out, c)
		}
	}
	return out
}
