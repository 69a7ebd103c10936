package jobscan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/streamlint/streamlint/checker/model"
)

// render lists what a Job holds, one fact per line, so that table tests
// can compare everything (values, lines and columns) at once.
func render(j *Job) []string {
	out := []string{fmt.Sprintf("kind %s session=%t", j.Kind, j.BuildsSession)}
	for _, s := range j.Settings {
		out = append(out, "set "+renderSetting(s))
	}
	for _, st := range j.Streams {
		mode := "batch"
		if st.Streaming {
			mode = "streaming"
		}
		line := fmt.Sprintf("stream %s %s @%s format=%q", st.Direction, mode, pos(st.Loc), st.Format)
		if !st.FormatLoc.IsZero() {
			line += "@" + pos(st.FormatLoc)
		}
		if !st.StartLoc.IsZero() {
			line += " start@" + pos(st.StartLoc)
		}
		if st.OptionsUnknown {
			line += " options-unknown"
		}
		if len(st.Inputs) > 0 {
			line += fmt.Sprintf(" inputs=%v", st.Inputs)
		}
		out = append(out, line)
		for _, o := range st.Options {
			out = append(out, "  opt "+renderSetting(o))
		}
		if st.QueryName != nil {
			out = append(out, "  name "+renderSetting(*st.QueryName))
		}
		if t := st.Trigger; t != nil {
			line := fmt.Sprintf("  trigger %s %q %ss @%s", t.Kind, t.Value, strconv.FormatFloat(t.Seconds, 'g', -1, 64), pos(t.Loc))
			if t.Invalid {
				line += " invalid"
			}
			out = append(out, line)
		}
	}
	for _, sc := range j.StreamingContexts {
		line := fmt.Sprintf("ssc @%s batch=%ss", pos(sc.Loc), strconv.FormatFloat(sc.BatchSeconds, 'g', -1, 64))
		if !sc.BatchLoc.IsZero() {
			line += "@" + pos(sc.BatchLoc)
		}
		out = append(out, line)
	}
	for _, d := range j.KafkaDirectStreams {
		out = append(out, fmt.Sprintf("kafka @%s topics=%s", pos(d.Loc), strings.Join(d.Topics, ",")))
	}
	for _, r := range j.ConfReads {
		out = append(out, fmt.Sprintf("read %s @%s", r.Key, pos(r.Loc)))
	}
	for _, n := range j.Notes {
		out = append(out, fmt.Sprintf("note @%s %s", pos(n.Loc), n.Message))
	}
	return out
}

func renderSetting(s model.Setting) string {
	line := fmt.Sprintf("%s=%q @%s", s.Key, s.Value, pos(s.Loc))
	if s.Unresolved {
		line += " unresolved"
	}
	if s.ExistingSession != nil {
		line += " existing-session@" + pos(*s.ExistingSession)
	}
	if s.FailedContext != nil {
		line += " failed-context@" + pos(*s.FailedContext)
	}
	for _, b := range s.Branches {
		line += fmt.Sprintf(" if@%s/%d", pos(b.If), b.Arm)
	}
	return line
}

func pos(l model.Location) string { return fmt.Sprintf("%d:%d", l.Line, l.Column) }

// allLocs returns every location a Job reports, zero ones excluded.
func allLocs(j *Job) []model.Location {
	var out []model.Location
	add := func(l model.Location) {
		if !l.IsZero() {
			out = append(out, l)
		}
	}
	for _, s := range j.Settings {
		add(s.Loc)
	}
	for _, st := range j.Streams {
		add(st.Loc)
		add(st.FormatLoc)
		add(st.StartLoc)
		for _, o := range st.Options {
			add(o.Loc)
		}
		if st.Trigger != nil {
			add(st.Trigger.Loc)
		}
	}
	for _, sc := range j.StreamingContexts {
		add(sc.Loc)
		add(sc.BatchLoc)
	}
	for _, d := range j.KafkaDirectStreams {
		add(d.Loc)
	}
	for _, r := range j.ConfReads {
		add(r.Loc)
	}
	for _, n := range j.Notes {
		add(n.Loc)
	}
	return out
}

// allCases is every table case.
func allCases() []scanCase {
	var out []scanCase
	out = append(out, scanCases...)
	out = append(out, moreCases...)
	out = append(out, continuationCases...)
	out = append(out, triggerVariableCases...)
	out = append(out, kindCases...)
	out = append(out, confReadCases...)
	out = append(out, sessionCases...)
	out = append(out, optionsCases...)
	out = append(out, writerCases...)
	out = append(out, lineageCases...)
	out = append(out, branchCases...)
	out = append(out, contextCases...)
	return append(out, selfReferenceCases...)
}
