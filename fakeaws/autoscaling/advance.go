package autoscaling

import (
	"fmt"
	"time"
)

// advance moves an instance through its lifecycle as far as it can go in
// this pass.
func (st *step) advance(in *instance) error {
	for range 8 {
		before := in.State
		if err := st.advanceOnce(in); err != nil {
			return err
		}
		if in.State == before {
			return nil
		}
	}
	return nil
}

func (st *step) advanceOnce(in *instance) error {
	g, t := st.g, st.now
	ec2, known := st.obs.get(in.ID)
	if counts(in.State) {
		if err := st.checkHealth(in, ec2, known); err != nil {
			return err
		}
	}
	switch in.State {
	case stPending:
		if !in.SkipHooks && !in.HooksDone && st.s.enterWait(g, in, transitionLaunching, t) {
			return setActivity(st.tx, st.sc, in.Activity, func(a *activity) { a.StatusCode, a.Progress = actMidLifecycleAction, 30 })
		}
		return st.putInService(in, ec2, known)
	case stPendingWait:
		done, result := waitOutcome(g, in, t)
		if !done {
			return nil
		}
		if result == resultAbandon {
			msg := fmt.Sprintf("Instance failed to complete user's Lifecycle Action: Lifecycle Action with token %s was abandoned: Lifecycle Action Completed with ABANDON Result", abandonedToken(in))
			cause := fmt.Sprintf("At %s an instance was taken out of service in response to a launch lifecycle action being abandoned.", causeTime(t))
			return st.s.startTermination(st.tx, st.sc, g, in, cause, msg, t)
		}
		in.State, in.Actions, in.HooksDone = stPendingProceed, nil, true
		return setActivity(st.tx, st.sc, in.Activity, func(a *activity) { a.StatusCode, a.Progress = actInProgress, 50 })
	case stPendingProceed:
		return st.putInService(in, ec2, known)
	case stTerminating:
		if len(in.Registered) > 0 {
			return nil // deregistration first
		}
		if known && ec2.State == EC2Terminated {
			in.SkipHooks = true
		}
		if !in.SkipHooks && st.s.enterWait(g, in, transitionTerminating, t) {
			return setActivity(st.tx, st.sc, in.Activity, func(a *activity) { a.StatusCode, a.Progress = actMidLifecycleAction, 50 })
		}
		in.State = stTerminatingProceed
	case stTerminatingWait:
		if done, _ := waitOutcome(g, in, t); done {
			in.State, in.Actions = stTerminatingProceed, nil
			return setActivity(st.tx, st.sc, in.Activity, func(a *activity) { a.StatusCode, a.Progress = actInProgress, 75 })
		}
	case stTerminatingProceed:
		if known && ec2.State == EC2Terminated {
			in.State = stTerminated
			return finishActivity(st.tx, st.sc, in.Activity, actSuccessful, "", t)
		}
	case stDetaching:
		if len(in.Registered) == 0 {
			in.State = stDetached
			return finishActivity(st.tx, st.sc, in.Activity, actSuccessful, "", t)
		}
	}
	return nil
}

// putInService puts a Pending instance in service once EC2 runs it and it
// is registered with the group's target groups.
func (st *step) putInService(in *instance, ec2 Instance, known bool) error {
	if !known || ec2.State != EC2Running || st.needsRegistration(in) {
		return nil
	}
	in.State, in.InServiceAt = stInService, st.now
	return finishActivity(st.tx, st.sc, in.Activity, actSuccessful, "", st.now)
}

func abandonedToken(in *instance) string {
	for _, a := range in.Actions {
		if a.Result == resultAbandon {
			return a.Token
		}
	}
	return ""
}

// needsRegistration reports whether in waits for registration with some
// of the group's target groups.
func (st *step) needsRegistration(in *instance) bool {
	if st.g.suspended("AddToLoadBalancer") {
		return false
	}
	for _, arn := range st.g.TargetGroupARNs {
		if !contains(in.Registered, arn) {
			return true
		}
	}
	return false
}

// checkHealth marks in Unhealthy when EC2 (or ELB) says so, and replaces
// an Unhealthy instance, as the HealthCheck and ReplaceUnhealthy
// processes do.
func (st *step) checkHealth(in *instance, ec2 Instance, known bool) error {
	g, t := st.g, st.now
	if in.Health == healthy && known && !g.suspended("HealthCheck") {
		cause := ""
		switch {
		case gone(ec2.State):
			cause = "an EC2 health check indicating it has been terminated or stopped"
		case ec2.Impaired && st.pastGrace(in):
			cause = "an EC2 instance status check failure"
		case g.HealthCheckType == "ELB" && st.obs.elbUnhealthy[in.ID] && st.pastGrace(in):
			cause = "an ELB system health check failure"
		}
		if cause != "" {
			in.Health, in.HealthCause = unhealthy, cause
		}
	}
	if in.Health != unhealthy || g.suspended("ReplaceUnhealthy") || g.suspended("Terminate") {
		return nil
	}
	why := in.HealthCause
	if why == "" {
		why = "a user health-check"
	}
	if known && ec2.State == EC2Terminated {
		in.SkipHooks = true
	}
	cause := fmt.Sprintf("At %s an instance was taken out of service in response to %s.", causeTime(t), why)
	return st.s.startTermination(st.tx, st.sc, g, in, cause, "Instance became unhealthy while waiting for instance to be in InService state.", t)
}

// pastGrace reports whether in's health-check grace period is over; it
// starts when the instance comes into service.
func (st *step) pastGrace(in *instance) bool {
	return pastGrace(st.s, st.g, in, st.now)
}

func pastGrace(s *Service, g *group, in *instance, t time.Time) bool {
	base := in.InServiceAt
	if base.IsZero() {
		base = in.LaunchedAt
	}
	return !t.Before(base.Add(s.scale(time.Duration(g.HealthCheckGrace) * time.Second)))
}
