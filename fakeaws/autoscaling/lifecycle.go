package autoscaling

import (
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// enterWait puts in into the Wait state of transition with one action per
// hook of the transition; it reports false when the group has none.
func (s *Service) enterWait(g *group, in *instance, transition string, t time.Time) bool {
	hooks := g.hooksFor(transition)
	if len(hooks) == 0 {
		return false
	}
	in.Actions = nil
	for _, h := range hooks {
		in.Actions = append(in.Actions, action{
			Hook:           h.Name,
			Token:          s.env.IDs.UUID(),
			Deadline:       t.Add(s.scale(time.Duration(h.HeartbeatTimeout) * time.Second)),
			GlobalDeadline: t.Add(s.scale(time.Duration(h.globalTimeout()) * time.Second)),
		})
	}
	if transition == transitionLaunching {
		in.State = stPendingWait
	} else {
		in.State = stTerminatingWait
	}
	return true
}

// waitOutcome applies default results to the actions whose time is up and
// reports the outcome of the wait: done once every action has a result,
// or at once on an ABANDON.
func waitOutcome(g *group, in *instance, t time.Time) (done bool, result string) {
	done, result = true, resultContinue
	for i := range in.Actions {
		a := &in.Actions[i]
		if a.Result == "" && (!t.Before(a.Deadline) || !t.Before(a.GlobalDeadline)) {
			h, ok := g.hook(a.Hook)
			switch {
			case ok:
				a.Result = h.DefaultResult
			case in.State == stPendingWait:
				a.Result = resultContinue
			default:
				a.Result = resultAbandon
			}
		}
		switch a.Result {
		case "":
			done = false
		case resultAbandon:
			return true, resultAbandon
		}
	}
	return done, result
}

// findAction finds the waiting action of hook hookName on an instance of
// g, by token or instance ID.
func findAction(g *group, hookName, token, instanceID string) (*instance, *action) {
	for _, in := range g.Instances {
		if instanceID != "" && in.ID != instanceID {
			continue
		}
		for i := range in.Actions {
			a := &in.Actions[i]
			if a.Hook == hookName && a.Result == "" && (token == "" || a.Token == token) {
				return in, a
			}
		}
	}
	return nil, nil
}

// actionTarget reads the hook, group, token and instance ID that name a
// lifecycle action.
func actionTarget(p awsapi.Params) (hookN, groupN, token, instanceID string, err error) {
	if hookN, err = hookName(p); err != nil {
		return
	}
	if groupN, err = name(p, "AutoScalingGroupName"); err != nil {
		return
	}
	token, instanceID = p.Get("LifecycleActionToken"), p.Get("InstanceId")
	if token == "" && instanceID == "" {
		err = invalid("Either LifecycleActionToken or InstanceId must be specified.")
		return
	}
	if token != "" && len(token) != 36 {
		err = invalid("1 validation error detected: Value '%s' at 'lifecycleActionToken' failed to satisfy constraint: Member must have length greater than or equal to 36", token)
	}
	return
}

func errNoAction(token, instanceID string) error {
	if instanceID != "" {
		return invalid("No active Lifecycle Action found with instance ID %s", instanceID)
	}
	return invalid("No active Lifecycle Action found with token %s", token)
}

func (s *Service) completeLifecycleAction(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	hookN, groupN, token, instanceID, err := actionTarget(p)
	if err != nil {
		return nil, err
	}
	result, err := p.Required("LifecycleActionResult")
	if err != nil {
		return nil, err
	}
	if result != resultContinue && result != resultAbandon {
		return nil, invalid("Valid values for LifecycleActionResult are CONTINUE and ABANDON.")
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, groupN)
		if err != nil {
			return err
		}
		_, a := findAction(g, hookN, token, instanceID)
		if a == nil {
			return errNoAction(token, instanceID)
		}
		a.Result = result
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return struct{}{}, nil
}

func (s *Service) recordLifecycleActionHeartbeat(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	hookN, groupN, token, instanceID, err := actionTarget(p)
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, groupN)
		if err != nil {
			return err
		}
		_, a := findAction(g, hookN, token, instanceID)
		if a == nil {
			return errNoAction(token, instanceID)
		}
		h, ok := g.hook(hookN)
		if !ok {
			return errNoAction(token, instanceID)
		}
		a.Deadline = t.Add(s.scale(time.Duration(h.HeartbeatTimeout) * time.Second))
		if a.Deadline.After(a.GlobalDeadline) {
			a.Deadline = a.GlobalDeadline
		}
		return saveGroup(tx, sc, g)
	})
	return struct{}{}, err
}
