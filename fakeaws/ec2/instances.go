package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// computeActions are the calls of instances, launch templates and volumes.
func (s *Service) computeActions() map[string]awsapi.ActionFunc {
	out := map[string]awsapi.ActionFunc{
		"RunInstances":              s.runInstances,
		"DescribeInstances":         s.describeInstances,
		"DescribeInstanceStatus":    s.describeInstanceStatus,
		"TerminateInstances":        s.terminateInstances,
		"StopInstances":             s.stopInstances,
		"StartInstances":            s.startInstances,
		"RebootInstances":           s.rebootInstances,
		"DescribeInstanceAttribute": s.describeInstanceAttribute,
		"ModifyInstanceAttribute":   s.modifyInstanceAttribute,
	}
	for _, group := range []map[string]awsapi.ActionFunc{s.launchTemplateActions(), s.volumeActions()} {
		for name, fn := range group {
			out[name] = fn
		}
	}
	return out
}

func (s *Service) runInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	req, err := parseRunInstances(p)
	if err != nil {
		return nil, err
	}
	var (
		res   *launched
		descs []instanceXML
	)
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		var err error
		if res, err = s.launch(tx, sc, req); err != nil {
			return err
		}
		descs = descs[:0]
		for _, x := range res.instances {
			d, err := s.instanceXML(tx, sc, x)
			if err != nil {
				return err
			}
			descs = append(descs, d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.notify(r.HTTP.Context(), res.events)
	rx := reservations(res.instances, descs)[0]
	return rx, nil
}

// parseRunInstances reads RunInstances' parameters.
func parseRunInstances(p awsapi.Params) (launchReq, error) {
	var req launchReq
	for _, c := range []struct {
		name string
		dst  *int
	}{{"MinCount", &req.min}, {"MaxCount", &req.max}} {
		v, err := required(p, c.name)
		if err != nil {
			return req, err
		}
		n, ok := atoi(v)
		if !ok || n < 1 {
			return req, invalidParameterValue("Value (%s) for parameter %s is invalid. Expected a positive integer.", v, lowerFirst(c.name))
		}
		*c.dst = n
	}
	if req.min > req.max {
		return req, invalidParameterValue("Value (%d) for parameter minCount is invalid. minCount must not exceed maxCount (%d).", req.min, req.max)
	}
	spec, err := parseLaunchSpec(p)
	if err != nil {
		return req, err
	}
	if spec.SubnetID != "" && len(spec.NIs) > 0 {
		return req, invalidParameterCombination("Network interfaces and an instance-level subnet ID may not be specified on the same request")
	}
	if len(spec.Groups) > 0 && len(spec.NIs) > 0 {
		return req, invalidParameterCombination("Network interfaces and an instance-level security groups may not be specified on the same request")
	}
	req.spec = spec
	req.ltID, req.ltName = p.Get("LaunchTemplate.LaunchTemplateId"), p.Get("LaunchTemplate.LaunchTemplateName")
	req.ltVer = p.Get("LaunchTemplate.Version")
	req.clientToken = p.Get("ClientToken")
	if len(req.clientToken) > 64 {
		return req, invalidParameterValue("Value (%s) for parameter clientToken is invalid. Length exceeds maximum of 64.", req.clientToken)
	}
	return req, nil
}

func instanceENIField(tx *store.Tx, sc scope, f func(*networkInterface) []string) func(*instance) []string {
	return func(x *instance) []string {
		var out []string
		for _, id := range x.ENIs {
			if e, ok, _ := enis.find(tx, sc, id); ok {
				out = append(out, f(e)...)
			}
		}
		return out
	}
}

func instanceFilters(tx *store.Tx, sc scope) filterSpec[*instance] {
	groupNames := func(x *instance) []string {
		ids, _ := groupIdentifiers(tx, sc, x.Groups)
		var out []string
		for _, g := range ids {
			out = append(out, g.GroupName)
		}
		return out
	}
	lt := func(f func(*ltRef) string) func(*instance) []string {
		return func(x *instance) []string {
			if x.LaunchTemplate == nil {
				return nil
			}
			return one(f(x.LaunchTemplate))
		}
	}
	return filterSpec[*instance]{
		"instance-id":              func(x *instance) []string { return one(x.ID) },
		"instance-state-name":      func(x *instance) []string { return one(x.State) },
		"instance-state-code":      func(x *instance) []string { return intStr(stateCodes[x.State]) },
		"vpc-id":                   func(x *instance) []string { return one(x.VpcID) },
		"subnet-id":                func(x *instance) []string { return one(x.SubnetID) },
		"availability-zone":        func(x *instance) []string { return one(x.AZ) },
		"private-ip-address":       func(x *instance) []string { return one(x.PrivateIP) },
		"ip-address":               func(x *instance) []string { return one(x.PublicIP) },
		"private-dns-name":         func(x *instance) []string { return one(privateDNSName(sc.region, x.PrivateIP)) },
		"dns-name":                 func(x *instance) []string { return one(publicDNSName(sc.region, x.PublicIP)) },
		"image-id":                 func(x *instance) []string { return one(x.ImageID) },
		"instance-type":            func(x *instance) []string { return one(x.InstanceType) },
		"key-name":                 func(x *instance) []string { return one(x.KeyName) },
		"iam-instance-profile.arn": func(x *instance) []string { return one(x.IamArn) },
		"launch-time":              func(x *instance) []string { return one(timestamp(x.LaunchTime)) },
		"reservation-id":           func(x *instance) []string { return one(x.ReservationID) },
		"owner-id":                 func(x *instance) []string { return one(x.OwnerID) },
		"architecture":             func(x *instance) []string { return one(x.Architecture) },
		"root-device-name":         func(x *instance) []string { return one(x.RootDevice) },
		"root-device-type":         func(x *instance) []string { return one("ebs") },
		"tenancy":                  func(x *instance) []string { return one(x.Tenancy) },
		"client-token":             func(x *instance) []string { return one(x.ClientToken) },
		"ami-launch-index":         func(x *instance) []string { return intStr(x.LaunchIndex) },
		"instance-lifecycle": func(x *instance) []string {
			if x.Spot {
				return one("spot")
			}
			return nil
		},
		"instance.group-id":   func(x *instance) []string { return x.Groups },
		"group-id":            func(x *instance) []string { return x.Groups },
		"instance.group-name": groupNames,
		"group-name":          groupNames,
		"block-device-mapping.volume-id": func(x *instance) []string {
			var out []string
			for _, d := range x.Devices {
				out = append(out, d.VolumeID)
			}
			return out
		},
		"block-device-mapping.device-name": func(x *instance) []string {
			var out []string
			for _, d := range x.Devices {
				out = append(out, d.Device)
			}
			return out
		},
		"network-interface.network-interface-id": instanceENIField(tx, sc, func(e *networkInterface) []string { return one(e.ID) }),
		"network-interface.subnet-id":            instanceENIField(tx, sc, func(e *networkInterface) []string { return one(e.SubnetID) }),
		"network-interface.vpc-id":               instanceENIField(tx, sc, func(e *networkInterface) []string { return one(e.VpcID) }),
		"network-interface.mac-address":          instanceENIField(tx, sc, func(e *networkInterface) []string { return one(e.MacAddress) }),
		"network-interface.addresses.private-ip-address": instanceENIField(tx, sc, func(e *networkInterface) []string {
			return append([]string{e.PrivateIP}, e.SecondaryIPs...)
		}),
		"network-interface.group-id": instanceENIField(tx, sc, func(e *networkInterface) []string { return e.Groups }),
		"source-dest-check": instanceENIField(tx, sc, func(e *networkInterface) []string {
			if e.Attachment == nil || e.Attachment.DeviceIndex != 0 {
				return nil
			}
			return boolStr(e.SourceDestCheck)
		}),
		"metadata-options.http-tokens":         func(x *instance) []string { return one(x.Metadata.HTTPTokens) },
		"metadata-options.http-endpoint":       func(x *instance) []string { return one(x.Metadata.HTTPEndpoint) },
		"launch-template.launch-template-id":   lt(func(r *ltRef) string { return r.ID }),
		"launch-template.launch-template-name": lt(func(r *ltRef) string { return r.Name }),
	}
}

func (s *Service) describeInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("InstanceId")
	pg, err := parsePage(p, pageLimits{min: 5, max: 1000, idsParam: "instanceIds"}, ids)
	if err != nil {
		return nil, err
	}
	fs, err := parseFilters(p)
	if err != nil {
		return nil, err
	}
	var (
		out  []reservationXML
		next string
	)
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		match, err := compileFilters(fs, instanceFilters(tx, sc), recordTags[*instance])
		if err != nil {
			return err
		}
		found, n, err := instances.describe(tx, sc, ids, match, pg)
		if err != nil {
			return err
		}
		next = n
		descs := make([]instanceXML, 0, len(found))
		for _, x := range found {
			d, err := s.instanceXML(tx, sc, x)
			if err != nil {
				return err
			}
			descs = append(descs, d)
		}
		out = reservations(found, descs)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Reservations items[reservationXML] `xml:"reservationSet"`
		NextToken    string                `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
