package ec2

import (
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// instanceBoot ends a pending period once the boot delay has passed, and
// the runtime, if it knows the instance, reports it up.
func (s *Service) instanceBoot(tx *store.Tx, sc scope, id string, at time.Time) error {
	x, ok, err := instances.find(tx, sc, id)
	if err != nil || !ok || x.State != statePending || at.Before(x.BootAt) {
		return err
	}
	if st := s.cfg.Runtime.Status(id); st.Known && !st.Up {
		return sc.bucket(tx, bootWaitKind).Put(id, x.BootAt)
	}
	x.setState(stateRunning, at)
	return instances.put(tx, sc, x)
}

// bootWaitDue reports whether an instance waiting for its runtime is up.
func (s *Service) bootWaitDue(tx *store.Tx, sc scope) (bool, error) {
	due := false
	err := sc.bucket(tx, bootWaitKind).Scan("", "", func(id string, _ []byte) (bool, error) {
		st := s.cfg.Runtime.Status(id)
		due = !st.Known || st.Up
		return !due, nil
	})
	return due, err
}

// settleBootWait moves instances whose runtime now reports them up to
// running, as of now.
func (s *Service) settleBootWait(tx *store.Tx, sc scope) error {
	b := sc.bucket(tx, bootWaitKind)
	var ready []string
	if err := b.Scan("", "", func(id string, _ []byte) (bool, error) {
		if st := s.cfg.Runtime.Status(id); !st.Known || st.Up {
			ready = append(ready, id)
		}
		return true, nil
	}); err != nil {
		return err
	}
	for _, id := range ready {
		if err := b.Delete(id); err != nil {
			return err
		}
		x, ok, err := instances.find(tx, sc, id)
		if err != nil {
			return err
		}
		if ok && x.State == statePending {
			x.setState(stateRunning, sc.now)
			if err := instances.put(tx, sc, x); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Service) instanceStopped(tx *store.Tx, sc scope, id string, at time.Time) error {
	x, ok, err := instances.find(tx, sc, id)
	if err != nil || !ok || x.State != stateStopping {
		return err
	}
	x.setState(stateStopped, at)
	x.StateReason = "Client.UserInitiatedShutdown"
	return instances.put(tx, sc, x)
}

// instanceTerminated ends a shutdown: the instance's interfaces and
// volumes go (or are detached), and it stays visible a while.
func (s *Service) instanceTerminated(tx *store.Tx, sc scope, id string, at time.Time) error {
	x, ok, err := instances.find(tx, sc, id)
	if err != nil || !ok || x.State != stateShuttingDown {
		return err
	}
	if err := s.dropPublicIP(tx, sc, x); err != nil {
		return err
	}
	if err := s.releaseENIs(tx, sc, x); err != nil {
		return err
	}
	if err := s.releaseVolumes(tx, sc, x); err != nil {
		return err
	}
	x.setState(stateTerminated, at)
	x.PrivateIP, x.PublicIP, x.Devices = "", "", nil
	if err := s.schedule(tx, sc, at.Add(s.cfg.TerminatedRetention), evInstancePurge, id); err != nil {
		return err
	}
	return instances.put(tx, sc, x)
}

func (s *Service) releaseENIs(tx *store.Tx, sc scope, x *instance) error {
	for _, eid := range x.ENIs {
		e, ok, err := enis.find(tx, sc, eid)
		if err != nil {
			return err
		}
		if !ok || e.Attachment == nil || e.Attachment.InstanceID != x.ID {
			continue
		}
		if e.Association != nil && e.Association.AllocationID != "" {
			if err := s.disassociateAllocation(tx, sc, e.Association.AllocationID); err != nil {
				return err
			}
			if e, _, err = enis.find(tx, sc, eid); err != nil {
				return err
			}
		}
		if e.Attachment.DeleteOnTermination {
			if err := s.deleteENI(tx, sc, e); err != nil {
				return err
			}
			continue
		}
		e.Attachment = nil
		if err := enis.put(tx, sc, e); err != nil {
			return err
		}
	}
	x.ENIs = nil
	return nil
}

func (s *Service) releaseVolumes(tx *store.Tx, sc scope, x *instance) error {
	for _, d := range x.Devices {
		v, ok, err := volumes.find(tx, sc, d.VolumeID)
		if err != nil {
			return err
		}
		if !ok || v.Attachment == nil || v.Attachment.InstanceID != x.ID {
			continue
		}
		if v.Attachment.DeleteOnTermination {
			if err := volumes.remove(tx, sc, v.ID); err != nil {
				return err
			}
			continue
		}
		v.Attachment, v.State = nil, volAvailable
		if err := volumes.put(tx, sc, v); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) instancePurge(tx *store.Tx, sc scope, id string, _ time.Time) error {
	x, ok, err := instances.find(tx, sc, id)
	if err != nil || !ok || x.State != stateTerminated {
		return err
	}
	return instances.remove(tx, sc, id)
}
