package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Timer events of instances.
const (
	evInstanceBoot       = "instance-boot"
	evInstanceStopped    = "instance-stopped"
	evInstanceTerminated = "instance-terminated"
	evInstancePurge      = "instance-purge"
)

// bootWaitKind lists instances whose boot delay has passed but whose
// runtime does not report them up yet: each request checks them again.
const bootWaitKind = "bootwait"

type stateXML struct {
	Code int    `xml:"code"`
	Name string `xml:"name"`
}

func stateOf(name string) stateXML { return stateXML{stateCodes[name], name} }

type stateChangeXML struct {
	InstanceID string   `xml:"instanceId"`
	Current    stateXML `xml:"currentState"`
	Previous   stateXML `xml:"previousState"`
}

func incorrectInstanceState(x *instance, what string) error {
	return awsapi.BadRequest("IncorrectInstanceState", "The instance '%s' is not in a state from which it can be %s.", x.ID, what)
}

// transition applies fn to each instance of ids in one transaction and
// answers the state changes; the runtime hears of them after commit.
func (s *Service) transition(r *awsapi.Request, p awsapi.Params, fn func(tx *store.Tx, sc scope, x *instance, evs *events) error) (any, error) {
	ids := p.List("InstanceId")
	if len(ids) == 0 {
		return nil, missingParameter("InstanceId")
	}
	var (
		out []stateChangeXML
		evs events
	)
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		found, err := instances.getAll(tx, sc, ids)
		if err != nil {
			return err
		}
		out, evs = nil, nil
		for _, x := range found {
			prev := x.State
			if err := fn(tx, sc, x, &evs); err != nil {
				return err
			}
			out = append(out, stateChangeXML{x.ID, stateOf(x.State), stateOf(prev)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.notify(r.HTTP.Context(), evs)
	return out, nil
}

func stateChanges(out any, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return struct {
		Changes items[stateChangeXML] `xml:"instancesSet"`
	}{itemsOf(out.([]stateChangeXML))}, nil
}

func (s *Service) terminateInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	return stateChanges(s.transition(r, p, s.terminate))
}

// terminate starts shutting an instance down for good.
func (s *Service) terminate(tx *store.Tx, sc scope, x *instance, evs *events) error {
	if x.gone() {
		return nil
	}
	if x.DisableAPITermination {
		return awsapi.BadRequest("OperationNotPermitted", "The instance '%s' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.", x.ID)
	}
	x.setState(stateShuttingDown, sc.now)
	x.Reason = "User initiated (" + sc.now.Format("2006-01-02 15:04:05 MST") + ")"
	x.StateReason = "Client.UserInitiatedShutdown"
	if err := s.schedule(tx, sc, sc.now.Add(s.cfg.InstanceTerminateDelay), evInstanceTerminated, x.ID); err != nil {
		return err
	}
	evs.add(compute.Terminated, x.computeInstance(sc))
	return instances.put(tx, sc, x)
}

func (s *Service) stopInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	force, err := boolParam(p, "Force", false)
	if err != nil {
		return nil, err
	}
	return stateChanges(s.transition(r, p, func(tx *store.Tx, sc scope, x *instance, evs *events) error {
		switch x.State {
		case stateStopping, stateStopped:
			return nil
		case stateRunning:
		case statePending:
			if !force {
				return incorrectInstanceState(x, "stopped")
			}
		default:
			return incorrectInstanceState(x, "stopped")
		}
		if x.DisableAPIStop {
			return awsapi.BadRequest("OperationNotPermitted", "The instance '%s' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.", x.ID)
		}
		if x.Spot {
			return awsapi.BadRequest("UnsupportedOperation", "The instance '%s' is a spot instance and may not be stopped.", x.ID)
		}
		x.setState(stateStopping, sc.now)
		x.Reason = "User initiated (" + sc.now.Format("2006-01-02 15:04:05 MST") + ")"
		if err := s.dropPublicIP(tx, sc, x); err != nil {
			return err
		}
		if err := s.schedule(tx, sc, sc.now.Add(s.cfg.InstanceStopDelay), evInstanceStopped, x.ID); err != nil {
			return err
		}
		evs.add(compute.Stopped, x.computeInstance(sc))
		return instances.put(tx, sc, x)
	}))
}

func (s *Service) startInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	return stateChanges(s.transition(r, p, func(tx *store.Tx, sc scope, x *instance, evs *events) error {
		switch x.State {
		case statePending, stateRunning:
			return nil
		case stateStopped:
		default:
			return incorrectInstanceState(x, "started")
		}
		x.setState(statePending, sc.now)
		x.Reason, x.StateReason = "", ""
		x.BootAt = sc.now.Add(s.cfg.InstanceBootDelay)
		if x.MapPublicIP {
			e, ok, err := enis.find(tx, sc, x.ENIs[0])
			if err != nil {
				return err
			}
			if ok && e.Association == nil {
				if err := s.assignPublicIP(tx, sc, x, e); err != nil {
					return err
				}
				if err := enis.put(tx, sc, e); err != nil {
					return err
				}
			}
		}
		if err := s.schedule(tx, sc, x.BootAt, evInstanceBoot, x.ID); err != nil {
			return err
		}
		evs.add(compute.Started, x.computeInstance(sc))
		return instances.put(tx, sc, x)
	}))
}

func (s *Service) rebootInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	_, err := s.transition(r, p, func(tx *store.Tx, sc scope, x *instance, evs *events) error {
		if x.gone() {
			return incorrectInstanceState(x, "rebooted")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

// dropPublicIP returns the instance's pool address (not an Elastic IP).
func (s *Service) dropPublicIP(tx *store.Tx, sc scope, x *instance) error {
	if len(x.ENIs) == 0 {
		return nil
	}
	e, ok, err := enis.find(tx, sc, x.ENIs[0])
	if err != nil || !ok || e.Association == nil || e.Association.AllocationID != "" {
		return err
	}
	if err := s.releasePublicIP(tx, e.Association.PublicIP); err != nil {
		return err
	}
	e.Association, x.PublicIP = nil, ""
	return enis.put(tx, sc, e)
}
