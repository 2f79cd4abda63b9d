/** The portscope hub: collector, store and API. */
package org.portscope.hub;
