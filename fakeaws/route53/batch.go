package route53

import (
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// batch applies a change batch to a working copy of the record sets it
// touches. Refusals are collected as messages; the batch is written only
// when there are none, so a batch applies all or nothing.
type batch struct {
	tx      *store.Tx
	account string
	z       *zone
	apex    name
	names   map[string]*atName
	msgs    []string
}

// atName is the working copy of the record sets at one name.
type atName struct {
	n     name
	sets  []rrset
	keys  []string // keys as stored before the batch
	dirty bool
}

func newBatch(tx *store.Tx, account string, z *zone, apex name) *batch {
	return &batch{tx: tx, account: account, z: z, apex: apex, names: map[string]*atName{}}
}

func (b *batch) at(n name) (*atName, error) {
	if a, ok := b.names[n.String()]; ok {
		return a, nil
	}
	sets, err := setsAt(b.tx, b.account, b.z.ID, n)
	if err != nil {
		return nil, err
	}
	a := &atName{n: n, sets: sets}
	for i := range sets {
		a.keys = append(a.keys, sets[i].key())
	}
	b.names[n.String()] = a
	return a, nil
}

func (b *batch) refuse(format string, args ...any) {
	b.msgs = append(b.msgs, fmt.Sprintf(format, args...))
}

// apply applies one change to the working copy, or records why it cannot.
func (b *batch) apply(o op) error {
	if msgs := checkValues(&o.set); len(msgs) > 0 {
		b.msgs = append(b.msgs, msgs...)
		return nil
	}
	a, err := b.at(o.n)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(a.sets, func(s rrset) bool { return s.Type == o.set.Type && s.SetIdentifier == o.set.SetIdentifier })
	desc := describeSet(&o.set)
	switch o.action {
	case "DELETE":
		switch {
		case i < 0:
			b.refuse("Tried to delete resource record set %s but it was not found", desc)
		case !sameSet(&a.sets[i], &o.set):
			b.refuse("Tried to delete resource record set %s but the values provided do not match the current values", desc)
		case o.n.equal(b.apex) && o.set.Type == "SOA":
			b.refuse("A HostedZone must contain exactly one SOA record.")
		case o.n.equal(b.apex) && o.set.Type == "NS":
			b.refuse("A HostedZone must contain at least one NS record for the zone itself.")
		default:
			a.sets = slices.Delete(a.sets, i, i+1)
			a.dirty = true
		}
		return nil
	case "CREATE":
		if i >= 0 {
			b.refuse("Tried to create resource record set %s but it already exists", desc)
			return nil
		}
	}
	if msg := b.conflict(a, &o.set); msg != "" {
		b.msgs = append(b.msgs, msg)
		return nil
	}
	if o.set.Alias != nil {
		msg, err := b.checkAlias(&o.set)
		if err != nil || msg != "" {
			if msg != "" {
				b.msgs = append(b.msgs, msg)
			}
			return err
		}
	}
	if i >= 0 {
		a.sets[i] = o.set
	} else {
		a.sets = append(a.sets, o.set)
	}
	a.dirty = true
	return nil
}

// conflict checks a set being created or replaced against the others at
// its name: CNAME stands alone and not at the apex, SOA only at the apex,
// routed and simple sets of one type do not mix.
func (b *batch) conflict(a *atName, s *rrset) string {
	apex := a.n.equal(b.apex)
	zn, nm := b.apex.wire(), a.n.wire()
	switch {
	case s.Type == "CNAME" && apex:
		return fmt.Sprintf("RRSet of type CNAME with DNS name %s is not permitted at apex in zone %s", nm, zn)
	case s.Type == "SOA" && !apex:
		return fmt.Sprintf("RRSet of type SOA with DNS name %s is not permitted because SOA records are only allowed at the apex of zone %s", nm, zn)
	}
	for _, o := range a.sets {
		if o.Type == s.Type && o.SetIdentifier == s.SetIdentifier {
			continue
		}
		switch {
		case s.Type == "CNAME" && o.Type != "CNAME":
			return fmt.Sprintf("RRSet of type CNAME with DNS name %s is not permitted as it conflicts with other records with the same DNS name in zone %s", nm, zn)
		case s.Type != "CNAME" && o.Type == "CNAME":
			return fmt.Sprintf("RRSet of type %s with DNS name %s is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone %s", s.Type, nm, zn)
		case o.Type == s.Type && o.SetIdentifier == "":
			return fmt.Sprintf("RRSet with DNS name %s, type %s, SetIdentifier %s cannot be created as a non-weighted set exists with the same name and type.", nm, s.Type, s.SetIdentifier)
		case o.Type == s.Type && s.SetIdentifier == "":
			return fmt.Sprintf("RRSet with DNS name %s, type %s cannot be created as weighted sets exist with the same name and type.", nm, s.Type)
		}
	}
	return ""
}

// checkAlias checks an alias whose target zone is one of the account's:
// the target must lie in that zone and exist with the alias's type.
// Targets in zones fakeaws does not hold (load balancers, CloudFront)
// are taken as given.
func (b *batch) checkAlias(s *rrset) (string, error) {
	tz := *b.z
	if s.Alias.ZoneID != b.z.ID {
		z, found, err := loadZone(b.tx, b.account, s.Alias.ZoneID)
		if err != nil || !found {
			return "", err
		}
		tz = z
	}
	target, _ := parseName(s.Alias.DNSName)
	zn, _ := parseName(tz.Name)
	what := fmt.Sprintf("Tried to create an alias that targets %s, type %s in zone %s", target.wire(), s.Type, tz.ID)
	if !target.within(zn) {
		return what + ", but the alias target name does not lie within the target zone", nil
	}
	var sets []rrset
	if tz.ID == b.z.ID {
		a, err := b.at(target)
		if err != nil {
			return "", err
		}
		sets = a.sets
	} else {
		var err error
		if sets, err = setsAt(b.tx, b.account, tz.ID, target); err != nil {
			return "", err
		}
	}
	for _, t := range sets {
		if t.Type == s.Type {
			return "", nil
		}
	}
	return what + ", but that target was not found", nil
}

// commit writes every name the batch changed.
func (b *batch) commit() error {
	bucket := recordsBucket(b.tx, b.account, b.z.ID)
	for _, k := range slices.Sorted(maps.Keys(b.names)) {
		a := b.names[k]
		if !a.dirty {
			continue
		}
		for _, key := range a.keys {
			if err := bucket.Delete(key); err != nil {
				return err
			}
		}
		for i := range a.sets {
			if err := bucket.Put(a.sets[i].key(), a.sets[i]); err != nil {
				return err
			}
		}
	}
	n, err := bucket.Count("")
	if err != nil {
		return err
	}
	if n > maxRRSets {
		return singleBatchError("The hosted zone %s would hold more than %d resource record sets.", b.z.ID, maxRRSets)
	}
	return nil
}

// describeSet names a record set as AWS's InvalidChangeBatch messages do.
func describeSet(s *rrset) string {
	if s.SetIdentifier != "" {
		return fmt.Sprintf("[name='%s', type='%s', set-identifier='%s']", wireName(s.Name), s.Type, s.SetIdentifier)
	}
	return fmt.Sprintf("[name='%s', type='%s']", wireName(s.Name), s.Type)
}

// sameSet reports whether a DELETE names the stored set exactly: TTL,
// values in any order, alias target and routing.
func sameSet(stored, given *rrset) bool {
	a, b := *stored, *given
	a.Records, b.Records = slices.Sorted(slices.Values(a.Records)), slices.Sorted(slices.Values(b.Records))
	return reflect.DeepEqual(a, b)
}
