package ec2

import (
	"context"
	"net/netip"
	"sort"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// The Go API of EC2 for sibling services (Auto Scaling, ELBv2): each call
// runs its own transactions, with the validation and error codes of the
// EC2 API (errors are *awsapi.Error values for what a caller got wrong).

// LaunchRequest is one instance to launch from a launch template.
type LaunchRequest struct {
	// LaunchTemplateID or LaunchTemplateName names the template.
	LaunchTemplateID, LaunchTemplateName string
	// Version is "", "$Default", "$Latest" or a version number.
	Version string
	// InstanceType, SubnetID and AvailabilityZone override the template's
	// when not empty.
	InstanceType, SubnetID, AvailabilityZone string
	// Tags are added to the instance, as they are: aws: keys allowed.
	Tags []Tag
	// ClientToken makes the launch idempotent: launching again with the
	// same token returns the first launch's instance.
	ClientToken string
}

// InstanceInfo is an instance as sibling services see it.
type InstanceInfo struct {
	ID, State        string
	StateSince       time.Time
	AvailabilityZone string
	SubnetID, VpcID  string
	PrivateIP        netip.Addr
	InstanceType     string
	ImageID          string
	// LaunchTemplateID, LaunchTemplateName and LaunchTemplateVersion are
	// the template version the instance was launched from, empty and 0
	// when none.
	LaunchTemplateID, LaunchTemplateName string
	LaunchTemplateVersion                int64
	LaunchTime                           time.Time
	// Healthy is false when the instance fails its status checks.
	Healthy bool
	Tags    []Tag
}

// SubnetInfo is a subnet as sibling services see it.
type SubnetInfo struct {
	ID, VpcID, AvailabilityZone, CidrBlock string
}

func (s *Service) apiScope(account, region string) scope {
	return scope{account: account, region: region, now: s.env.Clock.Now().UTC()}
}

// LaunchFromTemplate runs one instance from a launch template, as
// RunInstances with LaunchTemplate, MinCount and MaxCount 1 does.
func (s *Service) LaunchFromTemplate(ctx context.Context, account, region string, req LaunchRequest) (InstanceInfo, error) {
	lr := launchReq{
		spec: launchSpec{InstanceType: req.InstanceType, SubnetID: req.SubnetID, AZ: req.AvailabilityZone},
		ltID: req.LaunchTemplateID, ltName: req.LaunchTemplateName, ltVer: req.Version,
		min: 1, max: 1, clientToken: req.ClientToken, extraTags: req.Tags,
	}
	if lr.ltID == "" && lr.ltName == "" {
		return InstanceInfo{}, missingParameter("LaunchTemplateId or LaunchTemplateName")
	}
	sc := s.apiScope(account, region)
	var (
		res  *launched
		info InstanceInfo
	)
	err := s.updateIn(sc, func(tx *store.Tx, sc scope) error {
		var err error
		if res, err = s.launch(tx, sc, lr); err != nil {
			return err
		}
		info = s.info(res.instances[0])
		return nil
	})
	if err != nil {
		return InstanceInfo{}, err
	}
	s.notify(ctx, res.events)
	return info, nil
}

// TerminateInstances terminates the instances among ids that exist;
// unknown and already terminated ones are skipped.
func (s *Service) TerminateInstances(ctx context.Context, account, region string, ids []string) error {
	var evs events
	err := s.updateIn(s.apiScope(account, region), func(tx *store.Tx, sc scope) error {
		evs = nil
		for _, id := range dedupe(ids) {
			x, ok, err := instances.find(tx, sc, id)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := s.terminate(tx, sc, x, &evs); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.notify(ctx, evs)
	return nil
}

// InstanceInfos describes the instances among ids that exist (terminated
// ones while they are still visible), in ID order.
func (s *Service) InstanceInfos(ctx context.Context, account, region string, ids []string) ([]InstanceInfo, error) {
	var out []InstanceInfo
	err := s.viewIn(s.apiScope(account, region), func(tx *store.Tx, sc scope) error {
		out = nil
		for _, id := range dedupe(ids) {
			x, ok, err := instances.find(tx, sc, id)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, s.info(x))
			}
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

func (s *Service) info(x *instance) InstanceInfo {
	ip, _ := netip.ParseAddr(x.PrivateIP)
	info := InstanceInfo{
		ID: x.ID, State: x.State, StateSince: x.StateSince, AvailabilityZone: x.AZ, SubnetID: x.SubnetID,
		VpcID: x.VpcID, PrivateIP: ip, InstanceType: x.InstanceType, ImageID: x.ImageID, LaunchTime: x.LaunchTime,
		Healthy: x.State != stateRunning || s.healthy(x.ID), Tags: append([]Tag(nil), x.Tags...),
	}
	if lt := x.LaunchTemplate; lt != nil {
		info.LaunchTemplateID, info.LaunchTemplateName, info.LaunchTemplateVersion = lt.ID, lt.Name, lt.Version
	}
	return info
}

// ResolveLaunchTemplate finds the template idOrName names (an lt- ID or a
// name) and the number of version ("", "$Default", "$Latest" or a
// number); ok is false when either does not exist.
func (s *Service) ResolveLaunchTemplate(ctx context.Context, account, region, idOrName, version string) (id, name string, number int64, ok bool, err error) {
	err = s.viewIn(s.apiScope(account, region), func(tx *store.Tx, sc scope) error {
		var t *launchTemplate
		var found bool
		var err error
		if validID("lt", idOrName) {
			t, found, err = launchTemplates.find(tx, sc, idOrName)
		} else {
			t, found, err = ltByName(tx, sc, idOrName)
		}
		if err != nil || !found {
			return err
		}
		n, err := resolveVersion(t, version)
		if err != nil {
			return err
		}
		if _, found, err = findVersion(tx, sc, t.ID, n); err != nil || !found {
			return err
		}
		id, name, number, ok = t.ID, t.Name, n, true
		return nil
	})
	return id, name, number, ok, err
}

// SubnetInfos describes the subnets among ids that exist, in ID order.
func (s *Service) SubnetInfos(ctx context.Context, account, region string, ids []string) ([]SubnetInfo, error) {
	var out []SubnetInfo
	err := s.viewIn(s.apiScope(account, region), func(tx *store.Tx, sc scope) error {
		out = nil
		for _, id := range dedupe(ids) {
			x, ok, err := subnets.find(tx, sc, id)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, SubnetInfo{x.ID, x.VpcID, x.AZ, x.CidrBlock})
			}
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, err
}

// SecurityGroupVPCs maps each of ids that exists to its VPC.
func (s *Service) SecurityGroupVPCs(ctx context.Context, account, region string, ids []string) (map[string]string, error) {
	out := map[string]string{}
	err := s.viewIn(s.apiScope(account, region), func(tx *store.Tx, sc scope) error {
		for _, id := range dedupe(ids) {
			g, ok, err := securityGroups.find(tx, sc, id)
			if err != nil {
				return err
			}
			if ok {
				out[id] = g.VpcID
			}
		}
		return nil
	})
	return out, err
}
