"""Events of the webinars app that the email layer follows.

Each is sent after the transaction that made the change commits, once per
registration changed; the argument is ``registration`` (a Registration).
"""

from django.dispatch import Signal

#: A learner got a seat on registering.
registration_confirmed = Signal()
#: A learner registered for a full webinar and joined the waiting list.
registration_waitlisted = Signal()
#: A waiting learner got a seat that freed up or was added.
registration_promoted = Signal()
#: A learner gave up their seat or their place on the waiting list.
registration_cancelled = Signal()
