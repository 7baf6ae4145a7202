/** CloudMount's entry point: the command line ({@code cli}) and, where a display exists, the tray app. */
package io.cloudmount.app;
