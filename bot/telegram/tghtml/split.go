package tghtml

import "unicode"

// Split cuts s into parts of at most limit UTF-16 units of visible text
// (limit ≥ 2), each valid on its own. It cuts only between characters,
// never inside a tag or an entity: at the last line break of the part, else
// at the last space (either dropped, as a separator), else between two
// characters. Tags open at a cut are closed at the end of the part and
// opened again at the start of the next. Parts with nothing but spaces
// are left out, since Telegram refuses an empty message. s itself must be
// valid; the error is Validate's.
func Split(s string, limit int) ([]string, error) {
	total := 0
	if err := parse(s, func(a atom) { total += int(a.units) }); err != nil {
		return nil, err
	}
	if total <= limit {
		return []string{s}, nil
	}
	atoms := make([]atom, 0, total)
	_ = parse(s, func(a atom) { atoms = append(atoms, a) })
	open := openTags(atoms)
	var parts []string
	for start := 0; start < len(atoms); {
		end, next := cut(atoms, start, limit)
		if p, ok := render(s, atoms, open, start, end); ok {
			parts = append(parts, p)
		}
		start = next
	}
	return parts, nil
}

// frame is one open tag in a persistent stack: parts share their prefix.
type frame struct {
	tag *atom
	up  *frame
}

// openTags returns, for each atom index i (and len(atoms)), the tags open
// before atom i, innermost on top.
func openTags(atoms []atom) []*frame {
	open := make([]*frame, len(atoms)+1)
	var top *frame
	for i := range atoms {
		open[i] = top
		switch atoms[i].kind {
		case startTag:
			top = &frame{tag: &atoms[i], up: top}
		case endTag:
			top = top.up // parse checked the nesting
		}
	}
	open[len(atoms)] = top
	return open
}

// maxBackoff bounds how far a hard cut moves back to keep a character with
// the marks that follow it, so a run of marks still makes progress.
const maxBackoff = 16

// cut returns where the part starting at atom start ends (end, exclusive)
// and where the next part begins (past a separator that was dropped).
func cut(atoms []atom, start, limit int) (end, next int) {
	n := 0
	nl, sp := -1, -1   // the last line break and space of the part
	nlAt, spAt := 0, 0 // units before them
	for i := start; i < len(atoms); i++ {
		a := atoms[i]
		if a.kind != char {
			continue
		}
		if n+int(a.units) > limit {
			if a.r == '\n' || a.r == ' ' {
				return i, i + 1 // the part is full exactly at a separator
			}
			// A separator in the second half of the part gives the most even
			// cut; one earlier still beats cutting a word.
			half := limit / 2
			switch {
			case nl >= 0 && nlAt >= half:
				return nl, nl + 1
			case sp >= 0 && spAt >= half:
				return sp, sp + 1
			case nl >= 0:
				return nl, nl + 1
			case sp >= 0:
				return sp, sp + 1
			}
			return hardCut(atoms, start, i), hardCut(atoms, start, i)
		}
		if n > 0 && a.r == '\n' {
			nl, nlAt = i, n
		} else if n > 0 && a.r == ' ' {
			sp, spAt = i, n
		}
		n += int(a.units)
	}
	return len(atoms), len(atoms)
}

// hardCut moves a cut before atom i back so that a character keeps the
// combining marks, joiners and variation selectors that follow it, and
// tags opened just before the cut go with the text they open.
func hardCut(atoms []atom, start, i int) int {
	j := i
	for steps := 0; j > start+1 && steps < maxBackoff && joined(atoms, j); steps++ {
		j--
	}
	if j > start+1 && joined(atoms, j) {
		j = i // a run of marks longer than any real cluster: cut anyway
	}
	for j > start+1 && atoms[j-1].kind == startTag {
		j--
	}
	return j
}

// joined reports whether atom j belongs with the character before it.
func joined(atoms []atom, j int) bool {
	a, prev := atoms[j], atoms[j-1]
	if a.kind != char || prev.kind != char {
		return false
	}
	return unicode.Is(unicode.M, a.r) || a.r == 0x200D || prev.r == 0x200D ||
		(a.r >= 0xFE00 && a.r <= 0xFE0F) || (a.r >= 0x1F3FB && a.r <= 0x1F3FF)
}

// render writes atoms[start:end] with the tags open at start reopened and
// those open at end closed; ok is false when the part shows only spaces.
func render(s string, atoms []atom, open []*frame, start, end int) (string, bool) {
	var reopen []*atom
	for f := open[start]; f != nil; f = f.up {
		reopen = append(reopen, f.tag)
	}
	size := 0
	for _, a := range atoms[start:end] {
		size += int(a.end - a.start)
	}
	buf := make([]byte, 0, size+64)
	for k := len(reopen) - 1; k >= 0; k-- {
		buf = append(buf, s[reopen[k].start:reopen[k].end]...)
	}
	blank := true
	for _, a := range atoms[start:end] {
		buf = append(buf, s[a.start:a.end]...)
		if a.kind == char && !unicode.IsSpace(a.r) {
			blank = false
		}
	}
	for f := open[end]; f != nil; f = f.up {
		buf = append(buf, "</"+f.tag.tagName(s)+">"...)
	}
	return string(buf), !blank
}
