package elbv2

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

var reInstanceID = regexp.MustCompile(`^i-[0-9a-f]{8,17}$`)

// targetKey is the store key of a registration: TGNAME/ID/PORT, the port
// zero-padded so that keys sort by port.
func targetKey(tgName, id string, port int) string {
	return tgName + "/" + id + "/" + fmt.Sprintf("%05d", port)
}

// targetRef is one element of Targets.member.N with its port resolved.
type targetRef struct {
	ID   string
	Port int
	Zone string
}

// parseTargets reads Targets.member.N; a missing port is the group's.
func parseTargets(p awsapi.Params, tg *targetGroup, required bool) ([]targetRef, error) {
	var out []targetRef
	for _, t := range p.Structs("Targets.member") {
		id, err := t.Required("Id")
		if err != nil {
			return nil, err
		}
		port, err := intIn(t, "Port", 1, 65535, tg.Port)
		if err != nil {
			return nil, err
		}
		switch tg.TargetType {
		case "instance":
			if !reInstanceID.MatchString(id) {
				return nil, awsapi.ValidationError("Instance ID '%s' is not valid", id)
			}
		case "ip":
			a, err := netip.ParseAddr(id)
			if err != nil || a.Is4() != (tg.IPAddressType != "ipv6") {
				return nil, awsapi.ValidationError("The IP address '%s' is not a valid %s address", id, map[bool]string{true: "IPv6", false: "IPv4"}[tg.IPAddressType == "ipv6"])
			}
		}
		out = append(out, targetRef{ID: id, Port: port, Zone: t.Get("AvailabilityZone")})
	}
	if required && len(out) == 0 {
		return nil, awsapi.MissingParameter("Targets")
	}
	return out, nil
}

// quoteList writes ids as AWS lists them in InvalidTarget messages.
func quoteList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = "'" + id + "'"
	}
	return strings.Join(q, ", ")
}

// checkInstances checks that instance targets exist, can run and sit in
// the group's VPC (outside any transaction).
func (s *Service) checkInstances(sc scope, tg *targetGroup, refs []targetRef) error {
	if tg.TargetType != "instance" {
		return nil
	}
	var missing, notRunning, otherVPC []string
	for _, ref := range refs {
		inst, ok, err := s.net.Instance(sc.account, sc.region, ref.ID)
		if err != nil {
			return fmt.Errorf("look up instance %s: %w", ref.ID, err)
		}
		switch {
		case !ok:
			missing = append(missing, ref.ID)
		case inst.State != StatePending && inst.State != StateRunning:
			notRunning = append(notRunning, ref.ID)
		case inst.VpcID != tg.VpcID:
			otherVPC = append(otherVPC, ref.ID)
		}
	}
	switch {
	case len(missing) > 0:
		return invalidTarget("The following instances do not exist: %s", quoteList(missing))
	case len(notRunning) > 0:
		return invalidTarget("The following targets are not in a running state and can not be registered: %s", quoteList(notRunning))
	case len(otherVPC) > 0:
		return invalidTarget("The following targets are not in the target group VPC '%s': %s", tg.VpcID, quoteList(otherVPC))
	}
	return nil
}

func (s *Service) registerTargets(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("TargetGroupArn")
	if err != nil {
		return nil, err
	}
	var tg targetGroup
	if err := s.view(func(tx *store.Tx) error { tg, err = s.getTG(tx, sc, arn); return err }); err != nil {
		return nil, err
	}
	refs, err := parseTargets(p, &tg, true)
	if err != nil {
		return nil, err
	}
	if err := s.checkInstances(sc, &tg, refs); err != nil {
		return nil, err
	}
	t := now(r)
	err = s.update(func(tx *store.Tx) error {
		if tg, err = s.getTG(tx, sc, arn); err != nil {
			return err
		}
		b := sc.bucket(tx, kindTargets)
		live, err := s.pruneTargets(b, tg.Name, t)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			key := targetKey(tg.Name, ref.ID, ref.Port)
			old, ok, err := store.Get[target](b, key)
			if err != nil {
				return err
			}
			if ok && !old.draining() {
				continue
			}
			if !ok {
				if live++; live > maxTargetsPerGroup {
					return fail(codeTooManyTargets, "You've reached the limit on the number of targets per target group")
				}
			}
			if err := b.Put(key, target{ID: ref.ID, Port: ref.Port, Zone: ref.Zone, RegisteredAt: t}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// pruneTargets deletes the group's targets that have finished draining
// and returns how many remain.
func (s *Service) pruneTargets(b *store.Bucket, tgName string, t time.Time) (int, error) {
	all, err := store.List[target](b, tgName+"/")
	if err != nil {
		return 0, err
	}
	n := 0
	for _, tt := range all {
		if tt.gone(t) {
			if err := b.Delete(targetKey(tgName, tt.ID, tt.Port)); err != nil {
				return 0, err
			}
			continue
		}
		n++
	}
	return n, nil
}

func (s *Service) deregisterTargets(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("TargetGroupArn")
	if err != nil {
		return nil, err
	}
	var (
		tg         targetGroup
		registered = map[string]bool{}
	)
	t := now(r)
	err = s.view(func(tx *store.Tx) error {
		if tg, err = s.getTG(tx, sc, arn); err != nil {
			return err
		}
		all, err := store.List[target](sc.bucket(tx, kindTargets), tg.Name+"/")
		for _, tt := range all {
			if !tt.gone(t) {
				registered[tt.ID] = true
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	refs, err := parseTargets(p, &tg, true)
	if err != nil {
		return nil, err
	}
	var unknown []targetRef
	for _, ref := range refs {
		if !registered[ref.ID] {
			unknown = append(unknown, ref)
		}
	}
	if err := s.checkExist(sc, &tg, unknown); err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		if tg, err = s.getTG(tx, sc, arn); err != nil {
			return err
		}
		b := sc.bucket(tx, kindTargets)
		delay := s.deregistrationDelay(&tg)
		for _, ref := range refs {
			key := targetKey(tg.Name, ref.ID, ref.Port)
			tt, ok, err := store.Get[target](b, key)
			if err != nil {
				return err
			}
			if !ok || tt.draining() {
				continue
			}
			if delay == 0 {
				if err := b.Delete(key); err != nil {
					return err
				}
				continue
			}
			tt.DrainUntil = t.Add(delay)
			if err := b.Put(key, tt); err != nil {
				return err
			}
		}
		_, err := s.pruneTargets(b, tg.Name, t)
		return err
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

// deregistrationDelay is how long a deregistered target of tg drains: the
// group's delay at the configured speed, nothing when no load balancer
// uses the group.
func (s *Service) deregistrationDelay(tg *targetGroup) time.Duration {
	if !tg.inUse() {
		return 0
	}
	secs, _ := strconv.Atoi(tg.Attributes[attrDeregistrationDelay])
	return s.scale(time.Duration(secs) * time.Second)
}

// checkExist fails with InvalidTarget for instance targets that do not
// exist.
func (s *Service) checkExist(sc scope, tg *targetGroup, refs []targetRef) error {
	if tg.TargetType != "instance" {
		return nil
	}
	var missing []string
	for _, ref := range refs {
		_, ok, err := s.net.Instance(sc.account, sc.region, ref.ID)
		if err != nil {
			return fmt.Errorf("look up instance %s: %w", ref.ID, err)
		}
		if !ok {
			missing = append(missing, ref.ID)
		}
	}
	if len(missing) > 0 {
		return invalidTarget("The following instances do not exist: %s", quoteList(missing))
	}
	return nil
}
