package pipeline

import (
	"slices"
	"sort"
	"strings"

	"github.com/streamlint/streamlint/checker/compose"
	"github.com/streamlint/streamlint/checker/model"
)

// brokerFor picks the broker an app's bootstrap servers name, else the
// only (or first) broker of the pipeline.
func (s *assembly) brokerFor(bootstrap string) *model.Broker {
	if len(s.p.Brokers) == 0 {
		return nil
	}
	for _, hp := range strings.Split(bootstrap, ",") {
		host := strings.TrimSpace(hp)
		if i := strings.LastIndex(host, ":"); i >= 0 {
			host = host[:i]
		}
		for i := range s.p.Brokers {
			b := &s.p.Brokers[i]
			if b.Service == host || s.containerName(b.Service) == host {
				return b
			}
		}
	}
	return &s.p.Brokers[0]
}

func (s *assembly) containerName(service string) string {
	if svc := s.service(service); svc != nil {
		return svc.ContainerName
	}
	return ""
}

// bootstrap lists the app's kafka.bootstrap.servers values, each address
// with the broker of the project it names.
func (s *assembly) bootstrap(a model.App) []model.Bootstrap {
	out := []model.Bootstrap{}
	add := func(v model.Value) {
		b := model.Bootstrap{Value: v, Entries: []model.BootstrapEntry{}}
		if !v.Unresolved && !strings.Contains(v.Value, "${") {
			for _, addr := range strings.Split(v.Value, ",") {
				if addr = strings.TrimSpace(addr); addr != "" {
					b.Entries = append(b.Entries, s.bootstrapEntry(addr))
				}
			}
		}
		out = append(out, b)
	}
	for _, list := range [][]model.Stream{a.Sources, a.Sinks} {
		for _, st := range list {
			if st.Format != "kafka" {
				continue
			}
			for k, v := range st.Options {
				if strings.EqualFold(k, "kafka.bootstrap.servers") {
					add(v)
				}
			}
		}
	}
	if v, ok := a.KafkaParams["bootstrap.servers"]; ok {
		add(v)
	}
	sort.SliceStable(out, func(i, j int) bool {
		li, lj := out[i].Value.Loc, out[j].Value.Loc
		return li != nil && lj != nil && li.Before(*lj)
	})
	return out
}

// bootstrapEntry finds the broker an address names: a broker service, its
// container_name or network alias, or a host:port one of its advertised
// listeners gives; then the listener the address reaches on that broker.
func (s *assembly) bootstrapEntry(addr string) model.BootstrapEntry {
	e := model.BootstrapEntry{Address: addr}
	hp := addr
	if i := strings.Index(hp, "://"); i >= 0 {
		hp = hp[i+3:]
	}
	e.Host = hp
	if i := strings.LastIndex(hp, ":"); i >= 0 && !strings.Contains(hp[i+1:], "]") {
		e.Host, e.Port = hp[:i], hp[i+1:]
	}
	e.Host = strings.Trim(e.Host, "[]")
	x := s.hosts()
	if i, ok := x.named[strings.ToLower(e.Host)]; ok {
		b := &s.p.Brokers[i]
		if via := s.reachedBy(b.Service, e.Host); via != "" {
			e.Broker, e.Via = b.Service, via
			s.reachedListener(&e, b, "")
			return e
		}
	}
	for _, r := range x.advertised[advertisedHostKey(e.Host)] {
		if e.Port == "" || r.listener.Port == e.Port {
			b := &s.p.Brokers[r.broker]
			e.Broker, e.Via = b.Service, "advertised listener "+r.listener.Host+":"+r.listener.Port
			s.reachedListener(&e, b, r.listener.Name)
			return e
		}
	}
	return e
}

// brokerHosts indexes the brokers by the hosts that reach them, built once
// per pipeline: looking every bootstrap address up in every broker made a
// long bootstrap list quadratic in the brokers.
type brokerHosts struct {
	// named: a lower-cased name reachedBy accepts (service name,
	// container_name, hostname, network alias, static address) -> the
	// first broker it reaches
	named map[string]int
	// advertised: a lower-cased advertised host -> each broker listener
	// advertising it, in broker order
	advertised map[string][]advertisedRef
}

type advertisedRef struct {
	broker   int
	listener model.Listener
}

// advertisedHostKey is how an advertised host is matched: lower-cased, and every
// loopback spelling one (a client on the Docker host that writes
// localhost:9092 reaches a listener advertised as 127.0.0.1:9092, the
// Udacity course's starter compose).
func advertisedHostKey(host string) string {
	h := strings.ToLower(strings.Trim(host, "[]"))
	if h == "localhost" || h == "::1" || strings.HasPrefix(h, "127.") {
		return "localhost"
	}
	return h
}

func (s *assembly) hosts() *brokerHosts {
	if s.brokerHosts != nil {
		return s.brokerHosts
	}
	x := &brokerHosts{named: map[string]int{}, advertised: map[string][]advertisedRef{}}
	for i := range s.p.Brokers {
		b := &s.p.Brokers[i]
		names := []string{b.Service}
		if svc := s.service(b.Service); svc != nil {
			names = append(names, svc.ContainerName, svc.Hostname)
			names = append(names, svc.Aliases...)
			names = append(names, svc.Addresses...)
		}
		for _, n := range names {
			// the first broker in model order wins, as the lookup broker
			// by broker did; reachedBy then says how
			if h := strings.ToLower(n); h != "" {
				if _, ok := x.named[h]; !ok && s.reachedBy(b.Service, n) != "" {
					x.named[h] = i
				}
			}
		}
		for _, l := range b.Config["advertised.listeners"].Listeners {
			if l.Host != "" {
				h := advertisedHostKey(l.Host)
				x.advertised[h] = append(x.advertised[h], advertisedRef{i, l})
			}
		}
	}
	s.brokerHosts = x
	return x
}

// reachedBy says how host names a service: by its service name,
// container_name, hostname, a network alias or a static address; "" when
// it does not.
func (s *assembly) reachedBy(service, host string) string {
	if strings.EqualFold(service, host) {
		return "service name"
	}
	svc := s.service(service)
	if svc == nil {
		return ""
	}
	switch {
	case svc.ContainerName != "" && strings.EqualFold(svc.ContainerName, host):
		return "container_name"
	case svc.Hostname != "" && strings.EqualFold(svc.Hostname, host):
		return "hostname"
	case slices.ContainsFunc(svc.Aliases, func(a string) bool { return strings.EqualFold(a, host) }):
		return "network alias"
	case slices.Contains(svc.Addresses, host):
		return "static address"
	}
	return ""
}

// service is the compose service called name, nil when there is none.
func (s *assembly) service(name string) *compose.Service {
	if s.project == nil {
		return nil
	}
	if s.services == nil {
		s.services = make(map[string]*compose.Service, len(s.project.Services))
		for _, svc := range s.project.Services {
			s.services[svc.Name] = svc
		}
	}
	return s.services[name]
}

// reachedListener fills in the broker listener an entry reaches: the one
// named (an advertised listener's name), else the one bound to the
// entry's port, with what it advertises and the broker's client ports.
func (s *assembly) reachedListener(e *model.BootstrapEntry, b *model.Broker, name string) {
	bound := b.Config["listeners"].Listeners
	if b.Config["listeners"].Unresolved {
		bound = nil
	}
	controllers := map[string]bool{}
	for _, n := range strings.Split(b.Config["controller.listener.names"].Value, ",") {
		controllers[strings.ToUpper(strings.TrimSpace(n))] = true
	}
	for _, l := range bound {
		if !controllers[l.Name] && !slices.Contains(e.Ports, l.Port) {
			e.Ports = append(e.Ports, l.Port)
		}
		if name == "" && e.Port != "" && l.Port == e.Port {
			e.Listener = l.Name
		}
	}
	if name != "" {
		e.Listener = name
	}
	if e.Listener == "" {
		return
	}
	advertised := b.Config["advertised.listeners"].Listeners
	if b.Config["advertised.listeners"].Unresolved || !strings.Contains(b.Config["advertised.listeners"].Value, "://") {
		// Kafka advertises the listeners themselves when
		// advertised.listeners is unset
		advertised = bound
	}
	for _, l := range advertised {
		if l.Name == e.Listener && l.Host != "" {
			e.Advertised, e.AdvertisedHost = l.Host+":"+l.Port, l.Host
		}
	}
}
