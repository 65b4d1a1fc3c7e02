package autoscaling

import (
	"fmt"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// attachInstances adds running instances to a group, raising its desired
// capacity; they go through Pending (and launch hooks) to InService.
func (s *Service) attachInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	ids := dedupe(members(p, "InstanceIds"))
	if len(ids) > 20 {
		return nil, invalid("1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 20")
	}
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := s.ec2.Instances(r.HTTP.Context(), sc.account, sc.region, ids)
	if err != nil {
		return nil, fmt.Errorf("describe instances: %w", err)
	}
	found := map[string]Instance{}
	for _, in := range list {
		found[in.ID] = in
	}
	for _, id := range ids {
		in, ok := found[id]
		if !ok {
			return nil, invalid("Instance [%s] is invalid.", id)
		}
		if in.State != EC2Running {
			return nil, invalid("Instance %s is not in correct state: %s. It must be running.", id, in.State)
		}
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		if g.Status == statusDeleting {
			return fail(codeScalingInProgress, "The AutoScalingGroup %s is being deleted.", gname)
		}
		idx := sc.bucket(tx, kindInstances)
		zones := g.zones()
		for _, id := range ids {
			ec2 := found[id]
			if idx.Has(id) {
				return invalid("The instance %s is already part of an Auto Scaling group.", id)
			}
			if g.VpcID != "" && ec2.VpcID != g.VpcID {
				return invalid("Instance %s is not in the same VPC as the Auto Scaling group %s.", id, gname)
			}
			if !contains(zones, ec2.AvailabilityZone) {
				return invalid("Instance %s is in Availability Zone %s, which is not one of the Auto Scaling group's.", id, ec2.AvailabilityZone)
			}
		}
		if g.Desired+len(ids) > g.Max {
			return errAboveMax(g.Desired+len(ids), g.Max)
		}
		for _, id := range ids {
			ec2 := found[id]
			from := g.Desired
			g.Desired++
			in := &instance{
				ID: id, AZ: ec2.AvailabilityZone, SubnetID: ec2.SubnetID, InstanceType: ec2.InstanceType,
				State: stPending, Health: healthy, LaunchedAt: ec2.LaunchTime.UTC(),
			}
			if ec2.LaunchTemplate.ID != "" || ec2.LaunchTemplate.Name != "" {
				lt := ec2.LaunchTemplate
				in.Template = &lt
			}
			if in.LaunchedAt.IsZero() {
				in.LaunchedAt = t
			}
			key, _, err := s.newActivity(tx, sc, g, activity{
				Description: "Attaching an existing EC2 instance: " + id,
				Cause:       fmt.Sprintf("At %s a user request attached instance %s changing the desired capacity from %d to %d.", causeTime(t), id, from, g.Desired),
				Details:     details(in.SubnetID, in.AZ),
				Progress:    20,
				Start:       t,
			})
			if err != nil {
				return err
			}
			in.Activity = key
			g.Instances = append(g.Instances, in)
			if err := idx.Put(id, g.Name); err != nil {
				return err
			}
		}
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return nil, nil
}
