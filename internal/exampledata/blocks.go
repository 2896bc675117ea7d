package exampledata

import (
	"encoding/json"
	"fmt"
)

// blockJSON is one block of the course blocks API's answer, with the
// fields moocreport reads and the ones the API always gives beside them.
type blockJSON struct {
	ID          string   `json:"id"`
	BlockID     string   `json:"block_id"`
	Type        string   `json:"type"`
	DisplayName string   `json:"display_name"`
	LMSWebURL   string   `json:"lms_web_url"`
	Children    []string `json:"children,omitempty"`
}

// writeCourseBlocks writes the course's structure as the course blocks API
// gives it (/api/courses/v1/blocks/?course_id=…&all_blocks=true&depth=all,
// with "course_id" added as the analytics pipeline stores it), so the
// report can name problems as the course team did and list them in course
// order. It draws nothing at random: the ids and the layout are the
// structure's, and the names follow from them, so the rest of the data is
// unchanged.
func writeCourseBlocks(path string, c *courseSpec, st *structure) error {
	blocks := map[string]blockJSON{}
	add := func(kind, id, name string, children []string) string {
		key := blockKey(c, kind, id)
		blocks[key] = blockJSON{ID: key, BlockID: id, Type: kind, DisplayName: name, Children: children,
			LMSWebURL: "https://courses.edx.org/courses/" + c.courseID() + "/jump_to/" + key}
		return key
	}
	var chapters []string
	for _, ch := range st.chapters {
		var seqs []string
		for i, sq := range ch.seqs {
			var items []string
			for j, v := range sq.videos {
				items = append(items, add("video", v.id, fmt.Sprintf("Lecture %d.%d.%d", ch.week, i+1, j+1), nil))
			}
			for _, p := range sq.problems {
				items = append(items, add("problem", p.id, problemName(st, p), nil))
			}
			name := fmt.Sprintf("Lesson %d.%d", ch.week, i+1)
			if len(sq.videos) == 0 && len(sq.problems) > 0 && sq.problems[0].exam {
				name = "Final exam"
			}
			seqs = append(seqs, add("sequential", sq.id, name, items))
		}
		chapters = append(chapters, add("chapter", ch.id, fmt.Sprintf("Week %d: %s", ch.week, ch.name), seqs))
	}
	root := add("course", "course", c.number, chapters)
	b, err := json.Marshal(struct {
		CourseID string               `json:"course_id"`
		Root     string               `json:"root"`
		Blocks   map[string]blockJSON `json:"blocks"`
	}{c.courseID(), root, blocks})
	if err != nil {
		return fmt.Errorf("exampledata: %w", err)
	}
	return writeFile(path, append(b, '\n'))
}

// problemName is a problem's display name: "Homework 2, question 3" for
// the problems of week 2 (the grade report's Homework 2), "Final exam,
// question 3" for the exam's.
func problemName(st *structure, p *problem) string {
	n := 0
	for _, q := range st.problems {
		if q.week == p.week && q.exam == p.exam && q.index <= p.index {
			n++
		}
	}
	if p.exam {
		return fmt.Sprintf("Final exam, question %d", n)
	}
	return fmt.Sprintf("Homework %d, question %d", p.week, n)
}
