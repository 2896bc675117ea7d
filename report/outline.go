package report

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
