package ec2

import (
	"encoding/base64"
	"encoding/xml"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// attrValue is an AttributeValue: <x><value>v</value></x>.
type attrValue struct {
	Value string `xml:"value"`
}

// instanceAttrResult is DescribeInstanceAttribute's answer: the instance
// ID and the one attribute asked for.
type instanceAttrResult struct {
	InstanceID string
	Name       string
	Value      any
}

func (a instanceAttrResult) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeElement(a.InstanceID, xml.StartElement{Name: xml.Name{Local: "instanceId"}}); err != nil {
		return err
	}
	if err := e.EncodeElement(a.Value, xml.StartElement{Name: xml.Name{Local: a.Name}}); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

func (s *Service) describeInstanceAttribute(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "InstanceId")
	if err != nil {
		return nil, err
	}
	attr, err := required(p, "Attribute")
	if err != nil {
		return nil, err
	}
	var out instanceAttrResult
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		x, err := instances.get(tx, sc, id)
		if err != nil {
			return err
		}
		out = instanceAttrResult{InstanceID: id, Name: attr}
		str := func(v string) any { return attrValue{v} }
		switch attr {
		case "instanceType":
			out.Value = str(x.InstanceType)
		case "userData":
			out.Value = str(x.UserData)
			if x.UserData == "" {
				out.Value = struct{}{}
			}
		case "disableApiTermination":
			out.Value = attrBool{x.DisableAPITermination}
		case "disableApiStop":
			out.Value = attrBool{x.DisableAPIStop}
		case "instanceInitiatedShutdownBehavior":
			out.Value = str(x.ShutdownBehavior)
		case "rootDeviceName":
			out.Value = str(x.RootDevice)
		case "ebsOptimized":
			out.Value = attrBool{x.EbsOptimized}
		case "enaSupport":
			out.Value = attrBool{true}
		case "kernel", "ramdisk", "sriovNetSupport":
			out.Value = struct{}{}
		case "productCodes":
			out.Value = items[struct{}]{}
		case "sourceDestCheck":
			e, ok, err := s.primaryENI(tx, sc, x)
			if err != nil {
				return err
			}
			out.Value = attrBool{!ok || e.SourceDestCheck}
		case "groupSet":
			groups, err := groupIdentifiers(tx, sc, x.Groups)
			if err != nil {
				return err
			}
			out.Value = itemsOf(groups)
		case "blockDeviceMapping":
			d, err := s.instanceXML(tx, sc, x)
			if err != nil {
				return err
			}
			out.Value = d.BlockDevices
		default:
			return invalidParameterValue("Value (%s) for parameter attribute is invalid. Unknown attribute.", attr)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Service) primaryENI(tx *store.Tx, sc scope, x *instance) (*networkInterface, bool, error) {
	if len(x.ENIs) == 0 {
		return nil, false, nil
	}
	return enis.find(tx, sc, x.ENIs[0])
}

// modifyInstanceAttribute changes one attribute, named either by its own
// parameter (InstanceType.Value) or by Attribute and Value.
func (s *Service) modifyInstanceAttribute(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "InstanceId")
	if err != nil {
		return nil, err
	}
	name, value := p.Get("Attribute"), p.Get("Value")
	for _, n := range []string{"InstanceType", "DisableApiTermination", "DisableApiStop", "SourceDestCheck", "UserData", "InstanceInitiatedShutdownBehavior", "EbsOptimized"} {
		if p.Has(n + ".Value") {
			name, value = lowerFirst(n), p.Get(n+".Value")
		}
	}
	groups := p.List("GroupId")
	if len(groups) > 0 {
		name = "groupSet"
	}
	if name == "" {
		return nil, missingParameter("Attribute")
	}
	boolVal := func() (bool, error) {
		b, err := strconv.ParseBool(value)
		if err != nil {
			return false, invalidParameterValue("Value (%s) for parameter value is invalid. Expected: 'true' or 'false'.", value)
		}
		return b, nil
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		x, err := instances.get(tx, sc, id)
		if err != nil {
			return err
		}
		switch name {
		case "instanceType":
			if _, ok := instanceTypeInfo(value); !ok {
				return invalidParameterValue("Invalid value '%s' for InstanceType.", value)
			}
			if x.State != stateStopped {
				return awsapi.BadRequest("IncorrectInstanceState", "The instance '%s' is not in the 'stopped' state.", id)
			}
			x.InstanceType = value
		case "userData":
			if x.State != stateStopped {
				return awsapi.BadRequest("IncorrectInstanceState", "The instance '%s' is not in the 'stopped' state.", id)
			}
			// The SDK sends the value base64-encoded, as EC2 stores it.
			if _, err := base64.StdEncoding.DecodeString(value); err != nil {
				return invalidParameterValue("Invalid BASE64 encoding of user data.")
			}
			x.UserData = value
		case "disableApiTermination", "disableApiStop", "ebsOptimized":
			b, err := boolVal()
			if err != nil {
				return err
			}
			*map[string]*bool{"disableApiTermination": &x.DisableAPITermination, "disableApiStop": &x.DisableAPIStop, "ebsOptimized": &x.EbsOptimized}[name] = b
		case "instanceInitiatedShutdownBehavior":
			if value != "stop" && value != "terminate" {
				return invalidParameterValue("Value (%s) for parameter instanceInitiatedShutdownBehavior is invalid. Valid values: stop, terminate", value)
			}
			x.ShutdownBehavior = value
		case "sourceDestCheck":
			b, err := boolVal()
			if err != nil {
				return err
			}
			return s.setPrimaryENI(tx, sc, x, func(e *networkInterface) error { e.SourceDestCheck = b; return nil })
		case "groupSet":
			found, err := securityGroups.getAll(tx, sc, groups)
			if err != nil {
				return err
			}
			for _, g := range found {
				if g.VpcID != x.VpcID {
					return awsapi.BadRequest("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.")
				}
			}
			x.Groups = dedupe(groups)
			if err := s.setPrimaryENI(tx, sc, x, func(e *networkInterface) error { e.Groups = x.Groups; return nil }); err != nil {
				return err
			}
		default:
			return invalidParameterValue("Value (%s) for parameter attribute is invalid. Unknown attribute.", name)
		}
		return instances.put(tx, sc, x)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

func (s *Service) setPrimaryENI(tx *store.Tx, sc scope, x *instance, fn func(*networkInterface) error) error {
	e, ok, err := s.primaryENI(tx, sc, x)
	if err != nil || !ok {
		return err
	}
	if err := fn(e); err != nil {
		return err
	}
	return enis.put(tx, sc, e)
}
