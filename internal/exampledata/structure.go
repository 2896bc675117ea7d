package exampledata

import "fmt"

// structure is a course's outline as edX block ids: one chapter per week,
// each with a few sequentials holding videos and problems. Homework k is
// the problems of week k; the last week holds the final exam.
type structure struct {
	chapters []*chapter
	seqs     []*sequential
	problems []*problem
}

type chapter struct {
	id, name string
	week     int
	seqs     []*sequential
}

type sequential struct {
	id       string
	index    int // position in structure.seqs
	chapter  *chapter
	videos   []video
	problems []*problem
}

type video struct {
	id       string
	duration float64 // seconds
}

type problem struct {
	id     string
	index  int // position in structure.problems
	week   int
	max    int // points
	inputs int // response fields, the _2_1, _3_1 … of the answers
	exam   bool
}

// newStructure draws the block ids and the layout of a course.
func newStructure(seed uint64, c *courseSpec) *structure {
	r := newRand(seed, "structure:"+c.key)
	st := &structure{}
	for w := 1; w <= c.weeks; w++ {
		ch := &chapter{id: hexID(r, 32), name: c.chapters[w-1], week: w}
		st.chapters = append(st.chapters, ch)
		exam := w == c.weeks
		nseq := 3 + r.IntN(2)
		for i := 0; i < nseq; i++ {
			sq := &sequential{id: hexID(r, 32), index: len(st.seqs), chapter: ch}
			nv, np := 1+r.IntN(2), r.IntN(2)
			if exam {
				nv, np = 1, 0
				if i == nseq-1 { // the exam sequential: many problems, no video
					nv, np = 0, 10
				}
			}
			for j := 0; j < nv; j++ {
				sq.videos = append(sq.videos, video{id: hexID(r, 32), duration: float64(240 + r.IntN(600))})
			}
			for j := 0; j < np; j++ {
				p := &problem{id: hexID(r, 32), index: len(st.problems), week: w, max: 1 + r.IntN(3), exam: exam}
				p.inputs = p.max
				sq.problems = append(sq.problems, p)
				st.problems = append(st.problems, p)
			}
			ch.seqs = append(ch.seqs, sq)
			st.seqs = append(st.seqs, sq)
		}
		// Every homework week has at least two problems.
		for !exam && len(weekProblems(st, w)) < 2 {
			sq := ch.seqs[r.IntN(len(ch.seqs))]
			p := &problem{id: hexID(r, 32), index: len(st.problems), week: w, max: 2, inputs: 2}
			sq.problems = append(sq.problems, p)
			st.problems = append(st.problems, p)
		}
	}
	return st
}

// weekProblems returns the problems of week w.
func weekProblems(st *structure, w int) []*problem {
	var ps []*problem
	for _, p := range st.problems {
		if p.week == w {
			ps = append(ps, p)
		}
	}
	return ps
}

// blockKey is the usage key of a block of the course.
func blockKey(c *courseSpec, kind, id string) string {
	return fmt.Sprintf("block-v1:%s+%s+%s+type@%s+block@%s", c.org, c.number, c.run, kind, id)
}

// seqURL is the courseware URL of a sequential.
func seqURL(c *courseSpec, s *sequential) string {
	return "https://courses.edx.org/courses/" + c.courseID() + "/courseware/" + s.chapter.id + "/" + s.id + "/"
}
