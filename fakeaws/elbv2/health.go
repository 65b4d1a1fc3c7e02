package elbv2

import (
	"fmt"
	"net/netip"
	"strconv"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Target health states.
const (
	healthInitial     = "initial"
	healthHealthy     = "healthy"
	healthUnhealthy   = "unhealthy"
	healthUnused      = "unused"
	healthDraining    = "draining"
	healthUnavailable = "unavailable"
)

// verdict is a target's health: state, reason and description as AWS
// words them.
type verdict struct {
	State, Reason, Description string
}

var (
	vRegistering   = verdict{healthInitial, "Elb.RegistrationInProgress", "Target registration is in progress"}
	vInitialChecks = verdict{healthInitial, "Elb.InitialHealthChecking", "Initial health checks in progress"}
	vHealthy       = verdict{State: healthHealthy}
	vFailed        = verdict{healthUnhealthy, "Target.FailedHealthChecks", "Health checks failed"}
	vTimeout       = verdict{healthUnhealthy, "Target.Timeout", "Request timed out"}
	vNotRegistered = verdict{healthUnused, "Target.NotRegistered", "Target is not registered to the target group"}
	vNotInUse      = verdict{healthUnused, "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer"}
	vZoneDisabled  = verdict{healthUnused, "Target.NotInUse", "Target is in an Availability Zone that is not enabled for the load balancer"}
	vStopped       = verdict{healthUnused, "Target.InvalidState", "Target is in the stopped state"}
	vTerminated    = verdict{healthUnused, "Target.InvalidState", "Target is in the terminated state"}
	vDraining      = verdict{healthDraining, "Target.DeregistrationInProgress", "Target deregistration is in progress"}
	vDisabled      = verdict{healthUnavailable, "Target.HealthCheckDisabled", "Health checks are disabled"}
	vInternal      = verdict{healthUnavailable, "Elb.InternalError", "Health checks failed due to an internal error"}
)

func vCodeMismatch(code int) verdict {
	return verdict{healthUnhealthy, "Target.ResponseCodeMismatch", fmt.Sprintf("Health checks failed with these codes: [%d]", code)}
}

// group is a target group with what its targets' health depends on, read
// in one transaction.
type group struct {
	scope   scope
	tg      targetGroup
	lbs     []loadBalancer
	targets []target // registered or draining, not gone
}

// loadGroup reads tg's load balancers and live targets.
func (s *Service) loadGroup(tx *store.Tx, sc scope, tg targetGroup, t time.Time) (group, error) {
	g := group{scope: sc, tg: tg}
	for _, arn := range tg.LoadBalancerARNs {
		lb, err := s.getLB(tx, sc, arn)
		if codeOf(err) == codeLBNotFound {
			continue
		}
		if err != nil {
			return g, err
		}
		g.lbs = append(g.lbs, lb)
	}
	all, err := store.List[target](sc.bucket(tx, kindTargets), tg.Name+"/")
	if err != nil {
		return g, err
	}
	for _, tt := range all {
		if !tt.gone(t) {
			g.targets = append(g.targets, tt)
		}
	}
	return g, nil
}

// activeAt is when the first of the group's load balancers became (or
// becomes) active; ok is false when it has none.
func (g *group) activeAt() (time.Time, bool) {
	var at time.Time
	for i, lb := range g.lbs {
		if i == 0 || lb.ActiveAt.Before(at) {
			at = lb.ActiveAt
		}
	}
	return at, len(g.lbs) > 0
}

// hcPort is the port health checks of tt go to.
func (g *group) hcPort(tt target) int {
	if n, err := strconv.Atoi(g.tg.HealthCheck.Port); err == nil {
		return n
	}
	return tt.Port
}

// observation is what EC2 and the runtime say about a target, read
// outside any transaction.
type observation struct {
	instance bool // the target is an instance
	found    bool
	inst     Instance
	status   compute.Status
	addr     netip.AddrPort // where its traffic port is really served
	hcAddr   netip.AddrPort // where its health-check port is really served
	err      error
}

func (s *Service) observe(g *group, tt target) observation {
	if g.tg.TargetType != "instance" {
		return observation{found: true}
	}
	o := observation{instance: true}
	o.inst, o.found, o.err = s.net.Instance(g.scope.account, g.scope.region, tt.ID)
	if o.err != nil || !o.found {
		return o
	}
	o.status = s.rt.Status(tt.ID)
	o.addr = o.status.Ports[tt.Port]
	o.hcAddr = o.status.Ports[g.hcPort(tt)]
	return o
}

// running reports whether the target can receive traffic and health
// checks as far as EC2 knows.
func (o *observation) running() bool {
	return o.err == nil && o.found && (!o.instance || o.inst.State == StateRunning)
}

// probed reports whether the target is health checked for real.
func (o *observation) probed() bool { return o.running() && o.hcAddr.IsValid() }

// judge computes a target's health at t. checked is the real health
// checker's verdict, used when the target is probed.
func (s *Service) judge(g *group, tt target, o *observation, checked verdict, t time.Time) verdict {
	if tt.draining() {
		return vDraining
	}
	if !g.tg.inUse() {
		return vNotInUse
	}
	if o.err != nil {
		return vInternal
	}
	if o.instance {
		switch {
		case !o.found:
			return vTerminated
		case o.inst.State == StateStopping || o.inst.State == StateStopped:
			return vStopped
		case o.inst.State == StateShuttingDown || o.inst.State == StateTerminated:
			return vTerminated
		case o.inst.AvailabilityZone != "" && !g.zoneEnabled(o.inst.AvailabilityZone):
			return vZoneDisabled
		}
	}
	if !g.tg.HealthCheck.Enabled {
		return vDisabled
	}
	activeAt, _ := g.activeAt()
	if t.Before(activeAt) || !o.running() {
		return vRegistering
	}
	if o.probed() {
		if checked.State == "" {
			return vInitialChecks
		}
		return checked
	}
	start := latest(tt.RegisteredAt, g.tg.InUseSince, activeAt, o.inst.StateSince)
	hc := g.tg.HealthCheck
	interval := s.scale(time.Duration(hc.Interval) * time.Second)
	if !o.status.Known || o.status.Up && o.status.Healthy {
		if !t.Before(start.Add(time.Duration(hc.Healthy) * interval)) {
			return vHealthy
		}
	} else if !t.Before(start.Add(time.Duration(hc.Unhealthy) * interval)) {
		return vFailed
	}
	return vInitialChecks
}

func (g *group) zoneEnabled(zone string) bool {
	for i := range g.lbs {
		if g.lbs[i].hasZone(zone) {
			return true
		}
	}
	return len(g.lbs) == 0
}

func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// targetStatus is a target with its health.
type targetStatus struct {
	target  target
	verdict verdict
	obs     observation
}

// evaluate judges every target of g at t (outside any transaction).
func (s *Service) evaluate(g *group, t time.Time) []targetStatus {
	out := make([]targetStatus, 0, len(g.targets))
	for _, tt := range g.targets {
		o := s.observe(g, tt)
		v := s.judge(g, tt, &o, s.checker.get(checkKey(g, tt)), t)
		out = append(out, targetStatus{target: tt, verdict: v, obs: o})
	}
	return out
}
