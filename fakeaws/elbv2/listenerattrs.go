package elbv2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// attrTCPIdleTimeout is the one listener attribute of Network and Gateway
// Load Balancers: 60 to 6000 seconds, 350 by default.
const attrTCPIdleTimeout = "tcp.idle_timeout.seconds"

// defaultListenerAttributes are the attributes of a listener of protocol,
// as AWS sets them: TCP and GENEVE listeners have a TCP idle timeout.
// (Application Load Balancers' header attributes are not modelled: their
// listeners have none here.)
func defaultListenerAttributes(protocol string) map[string]string {
	switch protocol {
	case protoTCP, protoGENEVE:
		return map[string]string{attrTCPIdleTimeout: "350"}
	}
	return map[string]string{}
}

// attributes are the listener's attributes: the defaults of its protocol
// with what ModifyListenerAttributes set, as long as the protocol has it.
func (l *listener) attributes() map[string]string {
	a := defaultListenerAttributes(l.Protocol)
	for k, v := range l.Attributes {
		if _, ok := a[k]; ok {
			a[k] = v
		}
	}
	return a
}

type listenerAttributesResult struct {
	Attributes members[attributeXML] `xml:"Attributes"`
}

func (s *Service) describeListenerAttributes(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("ListenerArn")
	if err != nil {
		return nil, err
	}
	var l listener
	if err := s.view(func(tx *store.Tx) error { l, err = s.getListener(tx, sc, arn); return err }); err != nil {
		return nil, err
	}
	return listenerAttributesResult{attributesXML(l.attributes())}, nil
}

func (s *Service) modifyListenerAttributes(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("ListenerArn")
	if err != nil {
		return nil, err
	}
	var l listener
	err = s.update(func(tx *store.Tx) error {
		if l, err = s.getListener(tx, sc, arn); err != nil {
			return err
		}
		if l.Attributes, err = applyAttributes(l.attributes(), p, "Listener"); err != nil {
			return err
		}
		return sc.bucket(tx, kindListeners).Put(l.LBName+"/"+l.ID, l)
	})
	if err != nil {
		return nil, err
	}
	return listenerAttributesResult{attributesXML(l.attributes())}, nil
}
