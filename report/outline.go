package report

import "strings"

// OutlineBlock is one block of a course's structure, in course order: the
// order a learner meets it, chapter by chapter, from the course's first
// page to its last.
type OutlineBlock struct {
	// Block is the block's id within the course: the part of its usage
	// key after the last "@" (block-v1:…+type@problem+block@<id>), which
	// problem statistics are matched on.
	Block string
	Type  string // "chapter", "sequential", "vertical", "problem", …
	// Name is the display name the course team gave the block; "" when
	// the structure gives none.
	Name string
	// Parent is the display name of the block that holds it (a
	// problem's unit), which tells apart two problems of one name.
	Parent string
}

// BlockID is a block's id within its course: the part of its usage key
// after the last "@" (block-v1:…+type@problem+block@<id>), or after the
// last "/" of a legacy i4x:// key. Anything else (a bare id, or a problem
// named by its display name in the problem grade report) is kept whole.
func BlockID(key string) string {
	switch {
	case strings.Contains(key, "@"):
		return key[strings.LastIndex(key, "@")+1:]
	case strings.HasPrefix(key, "i4x://"):
		return key[strings.LastIndex(key, "/")+1:]
	}
	return key
}
