package fakeaws

import (
	"context"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
	"github.com/drydock-sandbox/drydock/fakeaws/ec2"
	"github.com/drydock-sandbox/drydock/fakeaws/elbv2"
)

// The services that depend on each other declare what they need as small
// interfaces; these adapters give them one another, in process.

// ec2Network is EC2 as ELBv2 sees it.
type ec2Network struct{ ec2 *ec2.Service }

var _ elbv2.Network = ec2Network{}

func (n ec2Network) Subnet(account, region, id string) (elbv2.Subnet, bool, error) {
	infos, err := n.ec2.SubnetInfos(context.Background(), account, region, []string{id})
	if err != nil || len(infos) == 0 {
		return elbv2.Subnet{}, false, err
	}
	return elbv2.Subnet{VpcID: infos[0].VpcID, AvailabilityZone: infos[0].AvailabilityZone}, true, nil
}

func (n ec2Network) SecurityGroupVPCs(account, region string, ids []string) (map[string]string, error) {
	return n.ec2.SecurityGroupVPCs(context.Background(), account, region, ids)
}

func (n ec2Network) Instance(account, region, id string) (elbv2.Instance, bool, error) {
	infos, err := n.ec2.InstanceInfos(context.Background(), account, region, []string{id})
	if err != nil || len(infos) == 0 {
		return elbv2.Instance{}, false, err
	}
	i := infos[0]
	return elbv2.Instance{State: i.State, PrivateIP: i.PrivateIP, VpcID: i.VpcID, AvailabilityZone: i.AvailabilityZone, StateSince: i.StateSince}, true, nil
}

// ec2Fleet is EC2 as AutoScaling sees it.
type ec2Fleet struct{ ec2 *ec2.Service }

var _ autoscaling.EC2 = ec2Fleet{}

func (f ec2Fleet) Launch(ctx context.Context, account, region string, spec autoscaling.LaunchSpec) (autoscaling.Instance, error) {
	req := ec2.LaunchRequest{
		Version:          spec.LaunchTemplate.Version,
		InstanceType:     spec.InstanceType,
		SubnetID:         spec.SubnetID,
		AvailabilityZone: spec.AvailabilityZone,
		ClientToken:      spec.ClientToken,
	}
	if spec.LaunchTemplate.ID != "" {
		req.LaunchTemplateID = spec.LaunchTemplate.ID
	} else {
		req.LaunchTemplateName = spec.LaunchTemplate.Name
	}
	for _, t := range spec.Tags {
		req.Tags = append(req.Tags, ec2.Tag{Key: t.Key, Value: t.Value})
	}
	info, err := f.ec2.LaunchFromTemplate(ctx, account, region, req)
	if err != nil {
		return autoscaling.Instance{}, err
	}
	return asInstance(info), nil
}

func (f ec2Fleet) Terminate(ctx context.Context, account, region string, ids []string) error {
	return f.ec2.TerminateInstances(ctx, account, region, ids)
}

func (f ec2Fleet) Instances(ctx context.Context, account, region string, ids []string) ([]autoscaling.Instance, error) {
	infos, err := f.ec2.InstanceInfos(ctx, account, region, ids)
	if err != nil {
		return nil, err
	}
	out := make([]autoscaling.Instance, len(infos))
	for i, info := range infos {
		out[i] = asInstance(info)
	}
	return out, nil
}

func asInstance(i ec2.InstanceInfo) autoscaling.Instance {
	out := autoscaling.Instance{
		ID: i.ID, State: i.State, AvailabilityZone: i.AvailabilityZone, SubnetID: i.SubnetID, VpcID: i.VpcID,
		InstanceType: i.InstanceType, ImageID: i.ImageID, LaunchTime: i.LaunchTime, Impaired: !i.Healthy,
	}
	if i.LaunchTemplateID != "" {
		out.LaunchTemplate = autoscaling.TemplateRef{ID: i.LaunchTemplateID, Name: i.LaunchTemplateName, Version: strconv.FormatInt(i.LaunchTemplateVersion, 10)}
	}
	return out
}

func (f ec2Fleet) LaunchTemplate(ctx context.Context, account, region string, ref autoscaling.TemplateRef) (autoscaling.LaunchTemplate, bool, error) {
	idOrName := ref.ID
	if idOrName == "" {
		idOrName = ref.Name
	}
	id, name, n, ok, err := f.ec2.ResolveLaunchTemplate(ctx, account, region, idOrName, ref.Version)
	if err != nil || !ok {
		return autoscaling.LaunchTemplate{}, false, err
	}
	return autoscaling.LaunchTemplate{ID: id, Name: name, Version: n}, true, nil
}

func (f ec2Fleet) Subnets(ctx context.Context, account, region string, ids []string) ([]autoscaling.Subnet, error) {
	infos, err := f.ec2.SubnetInfos(ctx, account, region, ids)
	if err != nil {
		return nil, err
	}
	out := make([]autoscaling.Subnet, len(infos))
	for i, s := range infos {
		out[i] = autoscaling.Subnet{ID: s.ID, AvailabilityZone: s.AvailabilityZone, VpcID: s.VpcID}
	}
	return out, nil
}

// elbTargets is ELBv2 as AutoScaling sees it.
type elbTargets struct{ elb *elbv2.Service }

var (
	_ autoscaling.TargetGroups = elbTargets{}
	_ autoscaling.TargetHealth = elbTargets{}
)

func (e elbTargets) Register(ctx context.Context, account, region, arn string, ids []string) error {
	return e.elb.RegisterInstances(ctx, account, region, arn, ids)
}

func (e elbTargets) Deregister(ctx context.Context, account, region, arn string, ids []string) error {
	return e.elb.DeregisterInstances(ctx, account, region, arn, ids)
}

func (e elbTargets) Exists(ctx context.Context, account, region, arn string) (bool, error) {
	return e.elb.TargetGroupExists(ctx, account, region, arn)
}

func (e elbTargets) Unhealthy(ctx context.Context, account, region, arn string, ids []string) ([]string, error) {
	return e.elb.UnhealthyInstances(ctx, account, region, arn, ids)
}
