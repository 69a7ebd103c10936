package pipeline

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/discover"
	"github.com/streamlint/streamlint/checker/dockerfile"
	"github.com/streamlint/streamlint/checker/model"
	"github.com/streamlint/streamlint/checker/spark"
)

// Services built from a Dockerfile (checker/dockerfile): the final
// stage's base image decides the image convention and version, its ENV
// lies beneath the environment compose sets, its CMD and ENTRYPOINT run
// when compose sets none, and a broker or Spark configuration file it
// COPYs to where the base image reads it is the service's configuration,
// like a bind mount there. A Dockerfile that cannot be followed is a note.

// copiedConfig is a configuration file a Dockerfile copies into an image.
type copiedConfig struct {
	settings []model.Setting
	copyLoc  model.Location
}

// readDockerfiles reads the Dockerfile of every service built from one.
func (s *assembly) readDockerfiles() {
	if s.project == nil {
		return
	}
	for _, svc := range s.project.Services {
		b := svc.Build
		if b == nil {
			continue
		}
		if b.Remote || b.Inline {
			s.res.Notes = append(s.res.Notes, model.Note{Location: b.Loc, Message: fmt.Sprintf("service %q: the Dockerfile is not read (a remote build context or dockerfile_inline): its base image, ENV and copied files are unknown here", svc.Name)})
			continue
		}
		img, _, err := dockerfile.Read(b.Context, b.Dockerfile, b.Args, s.readOptional, s.display)
		if err != nil {
			loc := b.Loc
			if de := (*dockerfile.Error)(nil); errors.As(err, &de) && de.Loc.Line > 0 {
				loc = de.Loc
			}
			s.res.Notes = append(s.res.Notes, model.Note{Location: loc, Message: fmt.Sprintf("service %q is built from a Dockerfile that cannot be followed (%s): its image is judged from compose alone", svc.Name, errMessage(err))})
			continue
		}
		if s.images == nil {
			s.images = map[*compose.Service]*dockerfile.Image{}
		}
		s.images[svc] = img
		applyImageEnv(svc, img)
		applyImageCommands(svc, img)
		s.copiedConfigs(svc, img)
	}
}

func errMessage(err error) string {
	if de := (*dockerfile.Error)(nil); errors.As(err, &de) {
		return de.Msg
	}
	return err.Error()
}

// imageRef is the image a service runs for recognising its convention
// and version: the base of its Dockerfile when it is built from one.
func (s *assembly) imageRef(svc *compose.Service) string {
	if img := s.images[svc]; img != nil && img.Base != "" {
		return img.Base
	}
	return svc.Image
}

// applyImageEnv puts the Dockerfile's ENV beneath the environment compose
// sets: a variable compose sets wins.
func applyImageEnv(svc *compose.Service, img *dockerfile.Image) {
	set := map[string]bool{}
	for _, e := range svc.Environment {
		set[e.Name] = true
	}
	last := map[string]dockerfile.Env{}
	for _, e := range img.Env {
		last[e.Name] = e // a later ENV of the same name wins
	}
	for name, e := range last {
		if !set[name] {
			// Raw: the value is written in the Dockerfile (or an ARG
			// default), so a password there is a literal baked into
			// the image (SEC001)
			svc.Environment = append(svc.Environment, compose.EnvVar{Name: name, Value: e.Value, Raw: e.Value, Loc: e.Loc, Unresolved: e.Unresolved})
		}
	}
	sort.SliceStable(svc.Environment, func(i, j int) bool { return svc.Environment[i].Name < svc.Environment[j].Name })
}

// applyImageCommands gives the service the Dockerfile's ENTRYPOINT and
// CMD where compose sets none (compose's entrypoint: also drops the
// image's CMD).
func applyImageCommands(svc *compose.Service, img *dockerfile.Image) {
	if svc.Entrypoint != nil {
		return
	}
	svc.Entrypoint = imageCommand(img.Entrypoint)
	if svc.Command == nil {
		svc.Command = imageCommand(img.Cmd)
	}
}

// imageCommand is a Dockerfile command as compose's list form; the shell
// form runs as /bin/sh -c.
func imageCommand(c *dockerfile.Command) *compose.Command {
	if c == nil {
		return nil
	}
	out := &compose.Command{IsList: true}
	if c.Args == nil {
		out.Args = []compose.Arg{{Text: "/bin/sh", Loc: c.Loc}, {Text: "-c", Loc: c.Loc}, {Text: c.Shell, Loc: c.Loc}}
		return out
	}
	for _, a := range c.Args {
		out.Args = append(out.Args, compose.Arg{Text: a.Text, Loc: a.Loc})
	}
	return out
}

// isBrokerConfigPath reports a path where a Kafka image reads its broker
// configuration (the paths bind mounts are recognised at).
func isBrokerConfigPath(p string) bool {
	return strings.HasSuffix(p, "server.properties") || strings.HasSuffix(p, "kafka.properties")
}

// copiedConfigs records the broker configuration and spark-defaults.conf
// a Dockerfile copies from the build context.
func (s *assembly) copiedConfigs(svc *compose.Service, img *dockerfile.Image) {
	for _, c := range img.Copies {
		for _, src := range c.Sources {
			target := c.Target(src)
			kafkaConf := isBrokerConfigPath(target)
			sparkConf := path.Base(target) == "spark-defaults.conf"
			if !kafkaConf && !sparkConf || strings.ContainsAny(src, "*?[") {
				continue
			}
			host := filepath.Join(svc.Build.Context, filepath.FromSlash(src))
			settings, ok := s.propertiesAt(host)
			if !ok {
				continue
			}
			s.relate(host, c.Loc, fmt.Sprintf("copied into the image of service %q to %s", svc.Name, target))
			if sparkConf {
				s.deliverDefaults(host, svc)
			}
			if kafkaConf {
				if s.copied == nil {
					s.copied = map[*compose.Service]copiedConfig{}
				}
				s.copied[svc] = copiedConfig{settings: settings, copyLoc: c.Loc}
			} else if !s.isDefaults(host) {
				s.defaults = append(s.defaults, settings...)
			}
		}
	}
}

// propertiesAt is the settings of a properties file: the one discovery
// read, or the file read now (a build context outside the pipeline's
// directory).
func (s *assembly) propertiesAt(abs string) ([]model.Setting, bool) {
	if st, ok := s.propsFiles[abs]; ok {
		return st, true
	}
	data, err := s.readOptional(abs)
	if err != nil {
		return nil, false
	}
	source := model.SourcePropertiesFile
	if path.Base(filepath.ToSlash(abs)) == "spark-defaults.conf" {
		source = model.SourceSparkDefaults
	}
	pf, err := spark.ParseProperties(s.display(abs), data, source)
	if err != nil {
		return nil, false
	}
	s.propsFiles[abs] = pf.Settings
	return pf.Settings, true
}

// deliverDefaults records a service a spark-defaults.conf is copied or
// mounted into.
func (s *assembly) deliverDefaults(abs string, svc *compose.Service) {
	if s.defaultsTo == nil {
		s.defaultsTo = map[string][]*compose.Service{}
	}
	s.defaultsTo[abs] = append(s.defaultsTo[abs], svc)
}

// dropHistoryDefaults removes from the apps' spark-defaults the files
// that reach only Spark history servers (a Dockerfile.spark-history
// copying its own spark-defaults.conf next to the cluster's): the history
// server reads them, no spark-submit does, so their keys neither override
// nor are overridden by an app's. They are checked as an app of their own
// (historyDefaults).
func (s *assembly) dropHistoryDefaults() {
	if s.project != nil {
		for _, svc := range s.project.Services {
			for _, v := range svc.Volumes {
				if v.Type == "bind" && path.Base(v.Target) == "spark-defaults.conf" {
					s.deliverDefaults(v.Source, svc)
				}
			}
		}
	}
	drop := map[string]bool{}
	for abs, svcs := range s.defaultsTo {
		if !slices.ContainsFunc(svcs, func(svc *compose.Service) bool { return !runsHistoryServer(svc) }) {
			drop[s.display(abs)] = true
		}
	}
	if len(drop) == 0 {
		return
	}
	kept := s.defaults[:0]
	for _, st := range s.defaults {
		if drop[st.Loc.File] {
			s.historyDefaults = append(s.historyDefaults, st)
		} else {
			kept = append(kept, st)
		}
	}
	s.defaults = kept
}

// runsHistoryServer reports a service that runs the Spark history server:
// named for it, or started with it (start-history-server.sh,
// org.apache.spark.deploy.history.HistoryServer, an entrypoint's "history"
// mode).
func runsHistoryServer(svc *compose.Service) bool {
	if strings.Contains(strings.ToLower(svc.Name+" "+svc.ContainerName), "history") {
		return true
	}
	for _, c := range []*compose.Command{svc.Entrypoint, svc.Command} {
		if c == nil {
			continue
		}
		for _, a := range c.Args {
			if strings.Contains(strings.ToLower(a.Text), "history") {
				return true
			}
		}
	}
	return false
}

// isDefaults reports a spark-defaults.conf discovery already read.
func (s *assembly) isDefaults(abs string) bool {
	f, ok := s.files[abs]
	return ok && f.Kind == discover.KindSparkDefaults
}

// relate makes every finding located in file abs name loc as related.
func (s *assembly) relate(abs string, loc model.Location, msg string) {
	if s.res.Origins == nil {
		s.res.Origins = map[string][]model.Related{}
	}
	d := s.display(abs)
	s.res.Origins[d] = append(s.res.Origins[d], model.Related{Location: loc, Message: msg})
}

// copiedServerProperties is the broker configuration a service's
// Dockerfile copies into its image.
func (s *assembly) copiedServerProperties(svc *compose.Service) ([]model.Setting, bool) {
	c, ok := s.copied[svc]
	if !ok {
		return nil, false
	}
	out := make([]model.Setting, len(c.settings))
	for i, st := range c.settings {
		st.Source = model.SourceMountedFile
		out[i] = st
	}
	return out, true
}
