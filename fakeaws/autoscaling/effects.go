package autoscaling

import (
	"context"
	"fmt"
	"sort"
	"strconv"
)

// observation is what EC2 (and ELBv2) said about a group's instances at
// the start of a pass.
type observation struct {
	// ok: EC2 answered; without an answer no decision depends on EC2.
	ok    bool
	asked map[string]bool
	found map[string]Instance
	// elbUnhealthy lists instances a target group finds unhealthy.
	elbUnhealthy map[string]bool
}

// get returns what EC2 says of id; known is false when EC2 was not asked.
// An instance EC2 was asked about and does not know is terminated.
func (o observation) get(id string) (Instance, bool) {
	if !o.ok || !o.asked[id] {
		return Instance{}, false
	}
	if in, ok := o.found[id]; ok {
		return in, true
	}
	return Instance{ID: id, State: EC2Terminated}, true
}

// gone reports whether an EC2 state means the instance no longer serves.
func gone(state string) bool {
	switch state {
	case EC2ShuttingDown, EC2Terminated, EC2Stopping, EC2Stopped:
		return true
	}
	return false
}

func (s *Service) observe(ctx context.Context, sc scope, g *group) (observation, error) {
	obs := observation{ok: true, asked: map[string]bool{}, found: map[string]Instance{}, elbUnhealthy: map[string]bool{}}
	var ids []string
	for _, in := range g.Instances {
		ids = append(ids, in.ID)
		obs.asked[in.ID] = true
	}
	if len(ids) == 0 {
		return obs, nil
	}
	list, err := s.ec2.Instances(ctx, sc.account, sc.region, ids)
	if err != nil {
		return observation{}, fmt.Errorf("describe instances: %w", err)
	}
	for _, in := range list {
		if obs.asked[in.ID] {
			obs.found[in.ID] = in
		}
	}
	if g.HealthCheckType != "ELB" || s.cfg.TargetHealth == nil {
		return obs, nil
	}
	for _, arn := range g.TargetGroupARNs {
		var reg []string
		for _, in := range g.Instances {
			if in.State == stInService && contains(in.Registered, arn) {
				reg = append(reg, in.ID)
			}
		}
		if len(reg) == 0 {
			continue
		}
		bad, err := s.cfg.TargetHealth.Unhealthy(ctx, sc.account, sc.region, arn, reg)
		if err != nil {
			return obs, fmt.Errorf("target health of %s: %w", arn, err)
		}
		for _, id := range bad {
			obs.elbUnhealthy[id] = true
		}
	}
	return obs, nil
}

// launchJob is a launch to do, with the tags it carries.
type launchJob struct {
	intent launchIntent
	tags   []Tag
}

// effects are the calls to EC2 and ELBv2 that a pass's state asks for.
type effects struct {
	launches   []launchJob
	register   map[string][]string // target group → instances
	deregister map[string][]string
	terminate  []string
}

func (e effects) empty() bool {
	return len(e.launches) == 0 && len(e.register) == 0 && len(e.deregister) == 0 && len(e.terminate) == 0
}

// effects derives the calls to make from the group's recorded state.
func (st *step) effects() effects {
	g := st.g
	e := effects{register: map[string][]string{}, deregister: map[string][]string{}}
	tags := launchTags(g)
	for _, l := range g.Launches {
		e.launches = append(e.launches, launchJob{intent: *l, tags: tags})
	}
	for _, in := range g.Instances {
		switch in.State {
		case stInService, stPending, stPendingProceed:
			if ec2, ok := st.obs.get(in.ID); in.State != stInService && (!ok || ec2.State != EC2Running) {
				continue
			}
			if !g.suspended("AddToLoadBalancer") {
				for _, arn := range g.TargetGroupARNs {
					if !contains(in.Registered, arn) {
						e.register[arn] = append(e.register[arn], in.ID)
					}
				}
			}
			for _, arn := range in.Registered {
				if !contains(g.TargetGroupARNs, arn) {
					e.deregister[arn] = append(e.deregister[arn], in.ID)
				}
			}
		case stTerminating, stDetaching:
			for _, arn := range in.Registered {
				e.deregister[arn] = append(e.deregister[arn], in.ID)
			}
		case stTerminatingProceed:
			if !in.TerminateSent {
				e.terminate = append(e.terminate, in.ID)
			}
		}
	}
	if len(e.register) == 0 {
		e.register = nil
	}
	if len(e.deregister) == 0 {
		e.deregister = nil
	}
	return e
}

// launchTags are the tags of a group that propagate at launch, with
// aws:autoscaling:groupName, sorted by key.
func launchTags(g *group) []Tag {
	out := []Tag{{Key: "aws:autoscaling:groupName", Value: g.Name}}
	for _, t := range g.Tags {
		if t.Propagate {
			out = append(out, Tag{Key: t.Key, Value: t.Value})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// launched is a launch that happened.
type launched struct {
	inst     Instance
	template TemplateRef
}

// results are what the calls of a pass did, applied in the next pass.
type results struct {
	launched     map[string]launched // by client token
	launchErr    map[string]error
	registered   map[string][]string
	deregistered map[string][]string
	terminated   []string
	errs         []error
}

// perform makes the calls, outside any transaction.
func (s *Service) perform(ctx context.Context, sc scope, e effects) results {
	res := results{
		launched: map[string]launched{}, launchErr: map[string]error{},
		registered: map[string][]string{}, deregistered: map[string][]string{},
	}
	resolved := map[TemplateRef]LaunchTemplate{}
	for _, job := range e.launches {
		in := job.intent
		lt, ok := resolved[in.Template]
		if !ok {
			var found bool
			var err error
			lt, found, err = s.ec2.LaunchTemplate(ctx, sc.account, sc.region, in.Template)
			if err != nil {
				res.errs = append(res.errs, fmt.Errorf("resolve launch template: %w", err))
				continue
			}
			if !found {
				res.launchErr[in.Token] = errNoTemplate(in.Template)
				continue
			}
			resolved[in.Template] = lt
		}
		ref := TemplateRef{ID: lt.ID, Name: lt.Name, Version: strconv.FormatInt(lt.Version, 10)}
		inst, err := s.ec2.Launch(ctx, sc.account, sc.region, LaunchSpec{
			ClientToken:      in.Token,
			LaunchTemplate:   ref,
			InstanceType:     in.InstanceType,
			SubnetID:         in.SubnetID,
			AvailabilityZone: in.AZ,
			Tags:             job.tags,
		})
		if err != nil {
			res.launchErr[in.Token] = err
			continue
		}
		res.launched[in.Token] = launched{inst: inst, template: ref}
	}
	for _, arn := range sortedKeys(e.deregister) {
		if err := s.tgs.Deregister(ctx, sc.account, sc.region, arn, e.deregister[arn]); err != nil {
			res.errs = append(res.errs, fmt.Errorf("deregister from %s: %w", arn, err))
			continue
		}
		res.deregistered[arn] = e.deregister[arn]
	}
	for _, arn := range sortedKeys(e.register) {
		if err := s.tgs.Register(ctx, sc.account, sc.region, arn, e.register[arn]); err != nil {
			res.errs = append(res.errs, fmt.Errorf("register with %s: %w", arn, err))
			continue
		}
		res.registered[arn] = e.register[arn]
	}
	if len(e.terminate) > 0 {
		if err := s.ec2.Terminate(ctx, sc.account, sc.region, e.terminate); err != nil {
			res.errs = append(res.errs, fmt.Errorf("terminate instances: %w", err))
		} else {
			res.terminated = e.terminate
		}
	}
	return res
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
