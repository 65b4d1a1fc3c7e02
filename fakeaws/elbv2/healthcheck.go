package elbv2

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// checker holds the results of real health checks, by target.
type checker struct {
	mu     sync.Mutex
	states map[string]*checkState
}

// checkState counts a target's consecutive results.
type checkState struct {
	passes, fails int
	v             verdict // zero until a threshold is first reached
	next          time.Time
}

func newChecker() *checker { return &checker{states: map[string]*checkState{}} }

// checkKey names a registration: the group ARN holds account and region.
func checkKey(g *group, tt target) string {
	return g.tg.ARN + "|" + tt.ID + "|" + strconv.Itoa(tt.Port)
}

// get is the target's checked verdict; zero before one is reached.
func (c *checker) get(key string) verdict {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.states[key]; ok {
		return st.v
	}
	return verdict{}
}

func (c *checker) due(key string, t time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.states[key]
	return !ok || !t.Before(st.next)
}

// record counts one result and flips the verdict at the thresholds.
func (c *checker) record(job probeJob, res verdict, t time.Time, interval time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.states[job.key]
	if !ok {
		st = &checkState{}
		c.states[job.key] = st
	}
	st.next = t.Add(interval)
	if res.State == healthHealthy {
		st.passes, st.fails = st.passes+1, 0
		if st.passes >= job.hc.Healthy {
			st.v = vHealthy
		}
		return
	}
	st.passes, st.fails = 0, st.fails+1
	if st.fails >= job.hc.Unhealthy || st.v.State == healthUnhealthy {
		st.v = res
	}
}

// retain forgets every target not in live: one no longer checked starts
// over from initial when it is checked again.
func (c *checker) retain(live map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.states {
		if !live[k] {
			delete(c.states, k)
		}
	}
}

// probeJob is one health check to run.
type probeJob struct {
	key  string
	hc   healthCheck
	addr netip.AddrPort
}

// probe runs one health check against a real address.
func (s *Service) probe(ctx context.Context, job probeJob) verdict {
	timeout := min(time.Duration(job.hc.Timeout)*time.Second, s.cfg.ProbeTimeout)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if !isHTTP(job.hc.Protocol) {
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", job.addr.String())
		if err != nil {
			return failure(err)
		}
		_ = c.Close()
		return vHealthy
	}
	tr := &http.Transport{DisableKeepAlives: true, TLSClientConfig: &tls.Config{InsecureSkipVerify: true}} //nolint:gosec // health checks accept any certificate, as ELB's do
	defer tr.CloseIdleConnections()
	url := strings.ToLower(job.hc.Protocol) + "://" + job.addr.String() + or(job.hc.Path, "/")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return vFailed
	}
	req.Header.Set("User-Agent", "ELB-HealthChecker/2.0")
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return failure(err)
	}
	_ = resp.Body.Close()
	if !matches(or(job.hc.Matcher, "200-399"), resp.StatusCode) {
		return vCodeMismatch(resp.StatusCode)
	}
	return vHealthy
}

func failure(err error) verdict {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return vTimeout
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return vTimeout
	}
	return vFailed
}

// Round runs one round of background work synchronously, at the clock's
// time: every due real health check (each target is checked once per
// its group's interval, divided by Config.Speed), then listener
// reconciliation (a socket opened for each listener of an active load
// balancer whose targets have real addresses, closed when the listener
// is gone). Start runs rounds in a loop; tests step the clock and call
// Round.
func (s *Service) Round(ctx context.Context) error {
	s.roundMu.Lock()
	defer s.roundMu.Unlock()
	t := s.env.Clock.Now()
	w, err := s.loadWorld(t)
	if err != nil {
		return err
	}
	live := map[string]bool{}
	var jobs []probeJob
	for _, g := range w.groups {
		activeAt, ok := g.activeAt()
		if !ok || t.Before(activeAt) || !g.tg.HealthCheck.Enabled {
			continue
		}
		for _, tt := range g.targets {
			if tt.draining() {
				continue
			}
			o := s.observe(g, tt)
			if !o.probed() {
				continue
			}
			key := checkKey(g, tt)
			live[key] = true
			if s.checker.due(key, t) {
				jobs = append(jobs, probeJob{key: key, hc: g.tg.HealthCheck, addr: o.hcAddr})
			}
		}
	}
	results := make([]verdict, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = s.probe(ctx, job)
		}()
	}
	wg.Wait()
	for i, job := range jobs {
		s.checker.record(job, results[i], t, s.scale(time.Duration(job.hc.Interval)*time.Second))
	}
	s.checker.retain(live)
	return s.reconcile(w, t)
}

// world is every in-use target group and listener of every scope.
type world struct {
	groups    map[string]*group // by target group ARN
	listeners []listenerAt
}

// listenerAt is a listener with its scope and load balancer.
type listenerAt struct {
	scope scope
	l     listener
	lb    loadBalancer
}

func (s *Service) loadWorld(t time.Time) (world, error) {
	w := world{groups: map[string]*group{}}
	err := s.view(func(tx *store.Tx) error {
		var scopes []scope
		if err := globalBucket(tx, "scopes").Scan("", "", func(k string, _ []byte) (bool, error) {
			account, region, _ := strings.Cut(k, "/")
			scopes = append(scopes, scope{account, region})
			return true, nil
		}); err != nil {
			return err
		}
		for _, sc := range scopes {
			tgs, err := store.List[targetGroup](sc.bucket(tx, kindTGs), "")
			if err != nil {
				return err
			}
			for _, tg := range tgs {
				if !tg.inUse() {
					continue
				}
				g, err := s.loadGroup(tx, sc, tg, t)
				if err != nil {
					return err
				}
				w.groups[tg.ARN] = &g
			}
			lbs, err := store.List[loadBalancer](sc.bucket(tx, kindLBs), "")
			if err != nil {
				return err
			}
			for _, lb := range lbs {
				ls, err := store.List[listener](sc.bucket(tx, kindListeners), lb.Name+"/")
				if err != nil {
					return err
				}
				for _, l := range ls {
					w.listeners = append(w.listeners, listenerAt{sc, l, lb})
				}
			}
		}
		return nil
	})
	return w, err
}
