package autoscaling

import (
	"errors"
	"fmt"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// launchBackoff is the first wait after a failed launch; it doubles with
// every failure in a row, up to 32 times.
const launchBackoff = 10 * time.Second

// applyResults records what the previous pass's calls did.
func (st *step) applyResults(res results) error {
	g := st.g
	var kept []*launchIntent
	failed := false
	for _, l := range g.Launches {
		if done, ok := res.launched[l.Token]; ok {
			if err := st.addLaunched(l, done); err != nil {
				return err
			}
			continue
		}
		if err, ok := res.launchErr[l.Token]; ok {
			if err := st.launchFailed(l, err); err != nil {
				return err
			}
			failed = true
			continue
		}
		kept = append(kept, l)
	}
	g.Launches = kept
	if failed {
		g.LaunchFailures++
		g.RetryAt = st.now.Add(st.s.scale(launchBackoff << min(g.LaunchFailures-1, 5)))
	}
	for _, arn := range sortedKeys(res.registered) {
		for _, id := range res.registered[arn] {
			if in := g.instance(id); in != nil {
				in.Registered = addUnique(in.Registered, arn)
			}
		}
	}
	for _, arn := range sortedKeys(res.deregistered) {
		for _, id := range res.deregistered[arn] {
			if in := g.instance(id); in != nil {
				in.Registered = without(in.Registered, arn)
			}
		}
	}
	for _, id := range res.terminated {
		if in := g.instance(id); in != nil {
			in.TerminateSent = true
		}
	}
	return nil
}

// addLaunched adds a launched instance to the group, Pending, with its
// launch activity.
func (st *step) addLaunched(l *launchIntent, done launched) error {
	g := st.g
	g.LaunchFailures, g.RetryAt = 0, time.Time{}
	if g.instance(done.inst.ID) != nil {
		return nil
	}
	tmpl := done.template
	in := &instance{
		ID:           done.inst.ID,
		AZ:           done.inst.AvailabilityZone,
		SubnetID:     done.inst.SubnetID,
		InstanceType: done.inst.InstanceType,
		Template:     &tmpl,
		State:        stPending,
		Health:       healthy,
		Protected:    g.NewProtected,
		LaunchedAt:   done.inst.LaunchTime.UTC(),
	}
	if in.AZ == "" {
		in.AZ = l.AZ
	}
	if in.SubnetID == "" {
		in.SubnetID = l.SubnetID
	}
	if in.LaunchedAt.IsZero() {
		in.LaunchedAt = st.now
	}
	key, _, err := st.s.newActivity(st.tx, st.sc, g, activity{
		Description: "Launching a new EC2 instance: " + in.ID,
		Cause:       l.Cause,
		Details:     details(in.SubnetID, in.AZ),
		Progress:    20,
		Start:       l.At,
	})
	if err != nil {
		return err
	}
	in.Activity = key
	g.Instances = append(g.Instances, in)
	return st.sc.bucket(st.tx, kindInstances).Put(in.ID, g.Name)
}

// launchFailed records a failed launch.
func (st *step) launchFailed(l *launchIntent, cause error) error {
	g := st.g
	msg := errMessage(cause)
	_, _, err := st.s.newActivity(st.tx, st.sc, g, activity{
		Description:   fmt.Sprintf("Launching a new EC2 instance.  Status Reason: %s Launching EC2 instance failed.", msg),
		Cause:         l.Cause,
		Details:       details(l.SubnetID, l.AZ),
		StatusCode:    actFailed,
		StatusMessage: msg,
		Progress:      100,
		Start:         l.At,
		End:           st.now,
	})
	return err
}

// errMessage is the message of an error as an activity shows it.
func errMessage(err error) string {
	var ae *awsapi.Error
	if errors.As(err, &ae) {
		return ae.Message
	}
	return err.Error()
}
