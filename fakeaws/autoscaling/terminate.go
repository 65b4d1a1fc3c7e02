package autoscaling

import (
	"fmt"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// startTermination takes in out of service: it becomes Terminating with a
// new activity; the reconciler deregisters it, runs termination hooks and
// terminates it. A launch still in progress is cancelled with message.
func (s *Service) startTermination(tx *store.Tx, sc scope, g *group, in *instance, cause, message string, t time.Time) error {
	if terminating(in.State) || in.State == stTerminated {
		return nil
	}
	if pending(in.State) {
		if message == "" {
			message = "The instance was taken out of service before it was InService."
		}
		if err := finishActivity(tx, sc, in.Activity, actCancelled, message, t); err != nil {
			return err
		}
		// An instance that never got into service ends without hooks.
		in.SkipHooks = true
	}
	if in.State == stDetaching {
		if err := finishActivity(tx, sc, in.Activity, actCancelled, "", t); err != nil {
			return err
		}
	}
	in.State = stTerminating
	in.Actions = nil
	key, _, err := s.newActivity(tx, sc, g, activity{
		Description: "Terminating EC2 instance: " + in.ID,
		Cause:       cause,
		Details:     details(in.SubnetID, in.AZ),
		Start:       t,
	})
	if err != nil {
		return err
	}
	in.Activity = key
	return nil
}

// forceTerminate terminates in for a force delete: no hooks.
func (s *Service) forceTerminate(tx *store.Tx, sc scope, g *group, in *instance, t time.Time) error {
	in.SkipHooks = true
	if terminating(in.State) {
		if in.State == stTerminatingWait {
			in.State, in.Actions = stTerminating, nil
		}
		return nil
	}
	cause := fmt.Sprintf("At %s an instance was taken out of service in response to a user request to delete the group.", causeTime(t))
	return s.startTermination(tx, sc, g, in, cause, "The Auto Scaling group is being deleted.", t)
}

// userTerminateCause is the cause of TerminateInstanceInAutoScalingGroup.
func userTerminateCause(t time.Time, id string, decrement bool, from int) string {
	if decrement {
		return fmt.Sprintf("At %s instance %s was taken out of service in response to a user request, shrinking the capacity from %d to %d.", causeTime(t), id, from, from-1)
	}
	return fmt.Sprintf("At %s instance %s was taken out of service in response to a user request.", causeTime(t), id)
}

// startDetach takes in out of the group: it becomes Detaching; the
// reconciler deregisters it and lets it go.
func (s *Service) startDetach(tx *store.Tx, sc scope, g *group, in *instance, decrement bool, from int, t time.Time) (*activity, error) {
	cause := fmt.Sprintf("At %s instance %s was detached in response to a user request.", causeTime(t), in.ID)
	if decrement {
		cause = fmt.Sprintf("At %s instance %s was detached in response to a user request, shrinking the capacity from %d to %d.", causeTime(t), in.ID, from, from-1)
	}
	in.State = stDetaching
	in.Actions = nil
	key, a, err := s.newActivity(tx, sc, g, activity{
		Description: "Detaching EC2 instance: " + in.ID,
		Cause:       cause,
		Details:     details(in.SubnetID, in.AZ),
		Progress:    50,
		Start:       t,
	})
	if err != nil {
		return nil, err
	}
	in.Activity = key
	return a, nil
}
