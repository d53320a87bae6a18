// random model file (seed 0, #21), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_21 {
	Layer L0 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 1, C: 16, R: 5, S: 1, Y: 10, X: 31 }
	}
	Layer L1 {
		Type: NGCONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 3, G: 4, K: 4, C: 4, R: 7, S: 7, Y: 26, X: 14 }
	}
	Layer L2 {
		Type: DSCONV
		Stride { X: 2, Y: 2 }
		Dimensions { K: 1, C: 3, R: 7, S: 7, Y: 32, X: 24 }
	}
}
